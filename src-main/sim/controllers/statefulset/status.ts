import type { Pod } from '../../api/core'
import type { StatefulSet, StatefulSetStatus } from '../../api/statefulset'
import {
  isCreated,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  podRevision,
} from './utils'

export interface ReplicaCounts {
  replicas: number
  readyReplicas: number
  availableReplicas: number
  currentReplicas: number
  updatedReplicas: number
}

/** `computeReplicaStatus`: terminating pods still count as replicas, not as current or updated. */
export function computeReplicaStatus(
  pods: readonly Pod[],
  minReadySeconds: number,
  nowMs: number,
  currentRevision: string,
  updateRevision: string,
): ReplicaCounts {
  const counts: ReplicaCounts = {
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
  }
  for (const pod of pods) {
    if (isCreated(pod)) counts.replicas++
    if (isRunningAndReady(pod)) {
      counts.readyReplicas++
      if (isRunningAndAvailable(pod, minReadySeconds, nowMs)) counts.availableReplicas++
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const revision = podRevision(pod)
      if (revision === currentRevision) counts.currentReplicas++
      if (revision === updateRevision) counts.updatedReplicas++
    }
  }
  return counts
}

/**
 * The status to write, with `completeRollingUpdate` applied: once every replica
 * is updated and ready, the update revision becomes the current one.
 */
export function statefulSetStatus(
  set: StatefulSet,
  counts: ReplicaCounts,
  revisions: { current: string; update: string; collisionCount: number },
): StatefulSetStatus {
  const replicas = set.spec.replicas ?? 1
  let { currentReplicas } = counts
  let currentRevision = revisions.current
  if (
    set.spec.updateStrategy?.type === 'RollingUpdate' &&
    counts.updatedReplicas === replicas &&
    counts.readyReplicas === replicas &&
    counts.replicas === replicas
  ) {
    currentReplicas = counts.updatedReplicas
    currentRevision = revisions.update
  }
  // Zero counters the API marks omitempty are left out, as its JSON leaves them out.
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    replicas: counts.replicas,
    availableReplicas: counts.availableReplicas,
  }
  if (counts.readyReplicas) status.readyReplicas = counts.readyReplicas
  if (currentReplicas) status.currentReplicas = currentReplicas
  if (counts.updatedReplicas) status.updatedReplicas = counts.updatedReplicas
  status.currentRevision = currentRevision
  status.updateRevision = revisions.update
  status.collisionCount = revisions.collisionCount
  if (set.status?.conditions) status.conditions = set.status.conditions
  return status
}
