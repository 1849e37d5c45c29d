import type { Pod } from '../../api/core'
import type { Job, JobCondition, JobStatus } from '../../api/batch'
import { controllerRef, isPodActive, isPodReady, isPodTerminal } from '../../api/pod-util'
import { fromRfc3339, toRfc3339 } from '../../kernel/time'
import type { ReconcileResult } from '../../runtime/controller'
import {
  BACKOFF_LIMIT_EXCEEDED,
  COMPLETIONS_REACHED,
  DEADLINE_EXCEEDED,
  ensureCondition,
  newCondition,
  trueCondition,
} from './conditions'
import { deletePods, manageJob, type JobWorker } from './manage'

/** What one sync decided, before it is written as the Job's status. */
interface SyncState {
  conditions: readonly JobCondition[]
  startTime?: string
  active: number
  succeeded: number
  failed: number
  terminating: number
  ready: number
  requeueMs: number[]
}

/**
 * `syncJob` for a Job that has not finished: count the pods that finished since
 * the last sync, decide whether the Job has failed (back-off limit, deadline) or
 * succeeded, otherwise run `manageJob`, then write the status. The terminal
 * condition comes in two steps as in current Kubernetes: `FailureTarget` or
 * `SuccessCriteriaMet` first, then `Failed` or `Complete` once no pod of the Job
 * is still terminating.
 */
export function syncJob(w: JobWorker, job: Job): ReconcileResult | void {
  const nowMs = w.ctx.clock.nowMs()
  const now = toRfc3339(nowMs)
  const uid = job.metadata.uid!
  const pods = w.ctx.store
    .dependents<Pod>(uid, 'Pod')
    .filter((pod) => controllerRef(pod)?.uid === uid)
  const active = pods.filter(isPodActive)
  const state = countPods(w, job, pods, active, now)

  let finished = findFinishing(job, pods, state, nowMs, now)
  if (finished) {
    if (finished.type === 'FailureTarget') {
      // Once the Job has failed, every pod still running counts as failed.
      w.tracking.markCounted(uid, active)
      state.failed += active.length
    }
    const deleted = deletePods(w, job, active)
    state.active = 0
    state.ready -= deleted.deletedReady
    state.terminating += deleted.terminatingAdded
  } else {
    const managed = manageJob(w, job, pods, active, state.succeeded, state.terminating)
    state.active = managed.active
    state.ready -= managed.deletedReady
    state.terminating += managed.terminatingAdded
    if (managed.requeueAfterMs !== undefined) state.requeueMs.push(managed.requeueAfterMs)
    const completions = job.spec.completions
    const complete =
      state.active === 0 &&
      (completions === undefined ? state.succeeded > 0 : state.succeeded >= completions)
    if (complete) {
      const { reason, message } = COMPLETIONS_REACHED
      finished = newCondition('SuccessCriteriaMet', 'True', reason, message, now)
    } else {
      updateSuspended(w, job, state, now)
    }
  }

  const final = finished && recordInterim(state, finished)
  const done = final !== undefined && state.terminating === 0
  if (done)
    state.conditions = ensureCondition(
      state.conditions,
      final.type,
      'True',
      final.reason!,
      final.message!,
      now,
    )
  const completionTime = done && final.type === 'Complete' ? now : job.status?.completionTime
  w.ctx.store.updateStatus<Job>({
    ...job,
    metadata: { ...job.metadata, resourceVersion: undefined },
    status: statusOf(state, completionTime),
  })
  if (done) recordFinished(w, job, final, state.succeeded)
  if (state.requeueMs.length === 0) return
  return { requeueAfterMs: Math.max(1, Math.min(...state.requeueMs)) }
}

/** Counts the pods, adding those that finished since the last sync to the Job's counters. */
function countPods(w: JobWorker, job: Job, pods: Pod[], active: Pod[], now: string): SyncState {
  const uid = job.metadata.uid!
  const fresh = w.tracking.newlyFinished(uid, pods)
  const gone = w.tracking.takeGone(uid)
  w.tracking.markCounted(uid, fresh.succeeded)
  w.tracking.markCounted(uid, fresh.failed)
  const goneSucceeded = gone.filter((o) => o === 'Succeeded').length
  return {
    conditions: job.status?.conditions ?? [],
    // A suspended Job has not started; it starts when it is resumed.
    startTime: job.status?.startTime ?? (job.spec.suspend ? undefined : now),
    active: active.length,
    succeeded: (job.status?.succeeded ?? 0) + fresh.succeeded.length + goneSucceeded,
    failed: (job.status?.failed ?? 0) + fresh.failed.length + gone.length - goneSucceeded,
    terminating: pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length,
    ready: active.filter(isPodReady).length,
    requeueMs: [],
  }
}

/**
 * The condition the Job is finishing with, if any: one it already carries, or a
 * new failure (back-off limit, then deadline). Asks for a look at the deadline.
 */
function findFinishing(
  job: Job,
  pods: Pod[],
  state: SyncState,
  nowMs: number,
  now: string,
): JobCondition | undefined {
  const existing =
    trueCondition(state.conditions, 'SuccessCriteriaMet') ??
    trueCondition(state.conditions, 'FailureTarget')
  if (existing) return existing
  if (state.failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
    const { reason, message } = BACKOFF_LIMIT_EXCEEDED
    return newCondition('FailureTarget', 'True', reason, message, now)
  }
  const deadlineSeconds = job.spec.activeDeadlineSeconds
  if (deadlineSeconds === undefined || job.spec.suspend || !state.startTime) return undefined
  const remainingMs = deadlineSeconds * 1000 - (nowMs - fromRfc3339(state.startTime))
  if (remainingMs <= 0) {
    const { reason, message } = DEADLINE_EXCEEDED
    return newCondition('FailureTarget', 'True', reason, message, now)
  }
  state.requeueMs.push(remainingMs)
  return undefined
}

/**
 * `pastBackoffLimitOnFailure`: with restartPolicy OnFailure a failing container
 * restarts in place, so the restarts of the pods still running count instead.
 */
function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false
  let restarts = 0
  for (const pod of pods) {
    const phase = pod.status?.phase
    if (phase !== 'Running' && phase !== 'Pending') continue
    for (const cs of pod.status?.initContainerStatuses ?? []) restarts += cs.restartCount
    for (const cs of pod.status?.containerStatuses ?? []) restarts += cs.restartCount
  }
  const limit = job.spec.backoffLimit ?? 6
  return limit === 0 ? restarts > 0 : restarts >= limit
}

/** The Suspended condition, its events, and a fresh start time on resume. */
function updateSuspended(w: JobWorker, job: Job, state: SyncState, now: string): void {
  const suspended = job.spec.suspend === true
  const before = state.conditions
  state.conditions = suspended
    ? ensureCondition(before, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)
    : ensureCondition(before, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)
  if (state.conditions === before) return
  const source = { component: w.component }
  if (suspended) w.ctx.recorder.record(job, 'Normal', 'Suspended', 'Job suspended', source)
  else {
    w.ctx.recorder.record(job, 'Normal', 'Resumed', 'Job resumed', source)
    // activeDeadlineSeconds counts the time a Job is continuously active.
    state.startTime = now
  }
}

/** Adds the interim condition once; returns the terminal condition it leads to. */
function recordInterim(state: SyncState, finished: JobCondition): JobCondition {
  const final = finished.type === 'SuccessCriteriaMet' ? 'Complete' : 'Failed'
  if (!trueCondition(state.conditions, finished.type))
    state.conditions = [...state.conditions, finished]
  return { ...finished, type: final }
}

function recordFinished(w: JobWorker, job: Job, final: JobCondition, succeeded: number): void {
  const source = { component: w.component }
  if (final.type === 'Complete') {
    const completions = job.spec.completions
    if (completions !== undefined && succeeded > completions) {
      w.ctx.recorder.record(
        job,
        'Warning',
        'TooManySucceededPods',
        'Too many succeeded pods running after completion count reached',
        source,
      )
    }
    w.ctx.recorder.record(job, 'Normal', 'Completed', 'Job completed', source)
  } else {
    w.ctx.recorder.record(job, 'Warning', final.reason!, final.message!, source)
  }
}

/** The status as the API returns it: zero counters are omitted, `ready` and `terminating` are not. */
function statusOf(state: SyncState, completionTime: string | undefined): JobStatus {
  const status: JobStatus = {}
  if (state.conditions.length > 0) status.conditions = [...state.conditions]
  if (state.startTime) status.startTime = state.startTime
  if (completionTime) status.completionTime = completionTime
  if (state.active > 0) status.active = state.active
  if (state.succeeded > 0) status.succeeded = state.succeeded
  if (state.failed > 0) status.failed = state.failed
  status.terminating = state.terminating
  status.uncountedTerminatedPods = {}
  status.ready = Math.max(0, state.ready)
  return status
}
