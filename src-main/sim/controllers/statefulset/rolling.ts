import type { Pod } from '../../api/core'
import type { StatefulSet } from '../../api/statefulset'
import type { StatefulPodControl } from './pod-control'
import { isTerminating, isUnavailable, maxUnavailableOf, podRevision } from './utils'

/**
 * The RollingUpdate step once every replica exists (`updateStatefulSetAfterInvariantEstablished`,
 * the MaxUnavailableStatefulSet path, on by default since 1.35): pods at an old
 * revision are deleted from the highest ordinal down to the partition, no more at
 * once than `maxUnavailable` (1 by default) allows; the main loop recreates each
 * at the update revision.
 */
export function rollingUpdate(
  podControl: StatefulPodControl,
  set: StatefulSet,
  replicas: readonly Pod[],
  updateRevision: string,
  nowMs: number,
): void {
  const rolling = set.spec.updateStrategy?.rollingUpdate
  const updateMin = rolling?.partition ?? 0
  const maxUnavailable = rolling ? maxUnavailableOf(set) : 1
  const minReadySeconds = set.spec.minReadySeconds ?? 0
  const unavailable = replicas.filter((p) => isUnavailable(p, minReadySeconds, nowMs)).length
  if (unavailable > maxUnavailable) return
  const toDelete = maxUnavailable - unavailable
  let deleted = 0
  for (let target = replicas.length - 1; target >= updateMin && deleted < toDelete; target--) {
    const pod = replicas[target]!
    if (podRevision(pod) !== updateRevision && !isTerminating(pod)) {
      podControl.deleteStatefulPod(set, pod)
      deleted++
    }
  }
}
