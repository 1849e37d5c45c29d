import type { Pod } from '../../api/core'
import { podCondition } from '../../api/pod-util'
import { fromRfc3339 } from '../../kernel/time'

/** `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff`. */
export const POD_FAILURE_BACKOFF_MS = 10_000
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000

/**
 * When a pod finished (`getFinishedTime` in `backoff_utils.go`): the last of its
 * containers to end, else when it stopped being ready, else when its deletion
 * began, else when it was created.
 */
export function podFinishedMs(pod: Pod): number {
  const statuses = pod.status?.containerStatuses ?? []
  let latest: number | undefined
  for (const cs of statuses) {
    const at = fromRfc3339(cs.state.terminated?.finishedAt ?? '')
    if (Number.isNaN(at)) {
      latest = undefined
      break
    }
    latest = latest === undefined ? at : Math.max(latest, at)
  }
  if (latest !== undefined) return latest
  const ready = podCondition(pod, 'Ready')
  if (ready?.status === 'False' && ready.lastTransitionTime)
    return fromRfc3339(ready.lastTransitionTime)
  if (pod.metadata.deletionTimestamp)
    return (
      fromRfc3339(pod.metadata.deletionTimestamp) -
      (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000
    )
  return fromRfc3339(pod.metadata.creationTimestamp ?? '')
}

/**
 * How long to wait before creating a replacement pod (`backoffRecord` and
 * `getRemainingTime`): 10 s after the first failure since the last success,
 * doubling with each further one, at most 10 min. Upstream keeps the record in
 * memory, fed by the pods it sees finish; the Job's finished pods stay, so here
 * it is read from them.
 */
export function podCreationBackoffMs(pods: readonly Pod[], nowMs: number): number {
  let lastSuccess = Number.NEGATIVE_INFINITY
  for (const pod of pods)
    if (pod.status?.phase === 'Succeeded') lastSuccess = Math.max(lastSuccess, podFinishedMs(pod))
  let failures = 0
  let lastFailure = Number.NEGATIVE_INFINITY
  for (const pod of pods) {
    if (!isPodFailed(pod)) continue
    const at = podFinishedMs(pod)
    if (at <= lastSuccess) continue
    failures++
    lastFailure = Math.max(lastFailure, at)
  }
  if (failures === 0) return 0
  let backoff = POD_FAILURE_BACKOFF_MS
  for (let i = 1; i < failures && backoff < MAX_POD_FAILURE_BACKOFF_MS; i++)
    backoff = Math.min(backoff * 2, MAX_POD_FAILURE_BACKOFF_MS)
  return Math.max(0, backoff - (nowMs - lastFailure))
}

/** `isPodFailed`: failed, or deleted before it could succeed (an orphan never reaches Failed). */
export function isPodFailed(pod: Pod): boolean {
  if (pod.status?.phase === 'Failed') return true
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded'
}
