import type { Node, Pod } from '../../api/core'
import type { DaemonSet, DaemonSetStatus } from '../../api/daemonset'
import { isPodAvailable, isPodReady } from '../../api/pod-util'
import type { ManageContext } from './manage'
import { byCreationAndPhase, isPodUpdated } from './util'

/**
 * `updateDaemonSetStatus`: per node that should run a pod, whether it has one and
 * whether the oldest is ready, available and updated; a pod on a node that should
 * not run one is misscheduled. `observedGeneration` moves only when the pass
 * acted on this generation.
 */
export function daemonSetStatus(
  m: ManageContext,
  nodes: readonly Node[],
  byNode: ReadonlyMap<string, Pod[]>,
  updateObservedGeneration: boolean,
): DaemonSetStatus {
  const nowMs = m.ctx.clock.nowMs()
  const minReady = m.ds.spec.minReadySeconds ?? 0
  let desired = 0
  let current = 0
  let misscheduled = 0
  let ready = 0
  let updated = 0
  let available = 0
  for (const node of nodes) {
    const { shouldRun } = m.shouldRun(node)
    const pods = byNode.get(node.metadata.name) ?? []
    if (!shouldRun) {
      if (pods.length > 0) misscheduled++
      continue
    }
    desired++
    if (pods.length === 0) continue
    current++
    const pod = [...pods].sort(byCreationAndPhase)[0]!
    if (isPodReady(pod)) {
      ready++
      if (isPodAvailable(pod, minReady, nowMs)) available++
    }
    if (isPodUpdated(pod, m.hash)) updated++
  }
  const previous = m.ds.status
  // Zero counters the API marks omitempty are left out, as its JSON leaves them out.
  const status: DaemonSetStatus = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  }
  const observed = updateObservedGeneration
    ? m.ds.metadata.generation
    : previous?.observedGeneration
  if (observed) status.observedGeneration = observed
  if (updated) status.updatedNumberScheduled = updated
  if (available) status.numberAvailable = available
  if (desired - available) status.numberUnavailable = desired - available
  if (previous?.collisionCount) status.collisionCount = previous.collisionCount
  if (previous?.conditions) status.conditions = previous.conditions
  return status
}

export function writeStatus(m: ManageContext, status: DaemonSetStatus): void {
  const ds: DaemonSet = m.ds
  m.ctx.store.updateStatus<DaemonSet>({
    ...ds,
    metadata: { ...ds.metadata, resourceVersion: undefined },
    status,
  })
}
