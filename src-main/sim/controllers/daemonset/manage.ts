import type { Node, Pod, PodSpec } from '../../api/core'
import type { DaemonSet } from '../../api/daemonset'
import { isPodAvailable, isPodReady, isPodTerminal } from '../../api/pod-util'
import { CONTROLLER_REVISION_HASH_LABEL } from '../../api/statefulset'
import type { ControllerContext } from '../../runtime/context'
import type { FailedPodsBackoff } from './failed-backoff'
import type { ShouldRun } from './should-run'
import { allowsSurge, byCreationAndPhase, targetNodeName } from './util'

/** What `manage` found to do on one node. */
export interface NodeWork {
  createOn: string[]
  deletePods: Pod[]
  /** Wake up when a failed pod's back-off ends. */
  retryAfterMs?: number
}

/**
 * `getNodesToDaemonPods`: the DaemonSet's pods by the node they run on or are
 * pinned to. Finished pods already being deleted are left out.
 */
export function nodesToDaemonPods(pods: readonly Pod[]): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>()
  for (const pod of pods) {
    if (isPodTerminal(pod) && pod.metadata.deletionTimestamp) continue
    const node = targetNodeName(pod)
    if (node === undefined) continue
    let list = byNode.get(node)
    if (!list) byNode.set(node, (list = []))
    list.push(pod)
  }
  return byNode
}

export interface ManageContext {
  ctx: ControllerContext
  ds: DaemonSet
  /** The daemon pod's spec: the template with the daemon tolerations. */
  spec: PodSpec
  /** `NodeShouldRunDaemonPod` for this pass, worked out once per node. */
  shouldRun(node: Node): ShouldRun
  hash: string
  backoff: FailedPodsBackoff
}

/**
 * `podsShouldBeOnNode`: a node that should run a pod and has none gets one; a
 * failed or succeeded pod is deleted (failed ones under a back-off); without
 * surge, extra pods beyond the oldest go; with surge, at most one old and one new
 * stay, the old until the new is available; a node that should not keep pods
 * loses them.
 */
export function podsShouldBeOnNode(
  m: ManageContext,
  node: Node,
  byNode: ReadonlyMap<string, Pod[]>,
  work: NodeWork,
): void {
  const { shouldRun, shouldContinueRunning } = m.shouldRun(node)
  const pods = byNode.get(node.metadata.name)
  const nodeName = node.metadata.name
  if (shouldRun && !pods) {
    work.createOn.push(nodeName)
    return
  }
  if (!pods) return
  if (!shouldContinueRunning) {
    for (const pod of pods) if (!pod.metadata.deletionTimestamp) work.deletePods.push(pod)
    return
  }
  const running: Pod[] = []
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    if (pod.status?.phase === 'Failed') deleteFailed(m, node, pod, work)
    else if (pod.status?.phase === 'Succeeded') {
      m.ctx.recorder.record(
        m.ds,
        'Normal',
        'SucceededDaemonPod',
        `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to delete it`,
        { component: DAEMONSET_CONTROLLER },
      )
      work.deletePods.push(pod)
    } else running.push(pod)
  }
  running.sort(byCreationAndPhase)
  if (!allowsSurge(m.ds)) {
    work.deletePods.push(...running.slice(1))
    return
  }
  if (running.length <= 1) {
    if (running.length === 0 && shouldRun) work.createOn.push(nodeName)
    return
  }
  let oldestNew: Pod | undefined
  let oldestOld: Pod | undefined
  for (const pod of running) {
    const isNew = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === m.hash
    if (isNew && !oldestNew) oldestNew = pod
    else if (!isNew && !oldestOld) oldestOld = pod
    else work.deletePods.push(pod)
  }
  if (oldestNew && oldestOld) {
    const minReady = m.ds.spec.minReadySeconds ?? 0
    if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, m.ctx.clock.nowMs()))
      work.deletePods.push(oldestOld)
  }
}

/** A failed daemon pod is deleted, but not more often than the back-off allows. */
function deleteFailed(m: ManageContext, node: Node, pod: Pod, work: NodeWork): void {
  const key = `${m.ds.metadata.uid}/${m.ds.status?.observedGeneration ?? 0}/${node.metadata.name}`
  const nowMs = m.ctx.clock.nowMs()
  if (m.backoff.inBackoff(key, nowMs)) {
    const wait = m.backoff.delayMs(key)
    work.retryAfterMs = Math.min(work.retryAfterMs ?? wait, wait)
    return
  }
  m.backoff.next(key, nowMs)
  m.ctx.recorder.record(
    m.ds,
    'Warning',
    'FailedDaemonPod',
    `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to kill it`,
    { component: DAEMONSET_CONTROLLER },
  )
  work.deletePods.push(pod)
}

/**
 * `getUnscheduledPodsWithoutNode`: pods pinned to a node that no longer exists
 * and never bound; the pod garbage collector only takes bound ones.
 */
export function unscheduledPodsWithoutNode(
  nodes: readonly Node[],
  byNode: ReadonlyMap<string, Pod[]>,
): Pod[] {
  const existing = new Set(nodes.map((n) => n.metadata.name))
  const out: Pod[] = []
  for (const [node, pods] of byNode) {
    if (existing.has(node)) continue
    for (const pod of pods) if (!pod.spec.nodeName) out.push(pod)
  }
  return out
}

export const DAEMONSET_CONTROLLER = 'daemonset-controller'
