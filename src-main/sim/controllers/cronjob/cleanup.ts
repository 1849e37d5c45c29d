import { jobFinishedCondition, type CronJob, type Job, type ObjectReference } from '../../api/batch'
import type { ControllerContext } from '../../runtime/context'
import { ApiError } from '../../store/errors'

export interface CronJobWorker {
  readonly ctx: ControllerContext
  readonly component: string
}

/** The status one sync works on, written back once at its end. */
export interface WorkingStatus {
  active: ObjectReference[]
  lastScheduleTime?: string
  lastSuccessfulTime?: string
}

/**
 * `cleanupFinishedJobs`: keeps the newest `successfulJobsHistoryLimit` complete
 * and `failedJobsHistoryLimit` failed Jobs and deletes the older ones. Returns
 * whether the status changed.
 */
export function cleanupFinishedJobs(
  w: CronJobWorker,
  cj: CronJob,
  status: WorkingStatus,
  jobs: readonly Job[],
): boolean {
  const succeededLimit = cj.spec.successfulJobsHistoryLimit
  const failedLimit = cj.spec.failedJobsHistoryLimit
  const succeeded = jobs.filter((j) => jobFinishedCondition(j) === 'Complete')
  const failed = jobs.filter((j) => jobFinishedCondition(j) === 'Failed')
  let updated = false
  if (succeededLimit !== undefined && removeOldest(w, cj, status, succeeded, succeededLimit))
    updated = true
  if (failedLimit !== undefined && removeOldest(w, cj, status, failed, failedLimit)) updated = true
  return updated
}

function removeOldest(
  w: CronJobWorker,
  cj: CronJob,
  status: WorkingStatus,
  jobs: Job[],
  keep: number,
): boolean {
  const excess = jobs.length - keep
  if (excess <= 0) return false
  let updated = false
  for (const job of [...jobs].sort(byStartTime).slice(0, excess))
    if (deleteJob(w, cj, status, job)) updated = true
  return updated
}

/** `byJobStartTime`: started before not started, earlier first, then by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime
  const sb = b.status?.startTime
  if (sa === undefined && sb !== undefined) return 1
  if (sa !== undefined && sb === undefined) return -1
  if (sa === sb)
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
  return sa! < sb! ? -1 : 1
}

/** `deleteJob`: the Job goes (its pods after it, through the garbage collector) and leaves the active list. */
export function deleteJob(w: CronJobWorker, cj: CronJob, status: WorkingStatus, job: Job): boolean {
  try {
    w.ctx.store.delete({ kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name })
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    w.ctx.recorder.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${e.message}`, {
      component: w.component,
    })
    return false
  }
  status.active = status.active.filter((ref) => ref.uid !== job.metadata.uid)
  w.ctx.recorder.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, {
    component: w.component,
  })
  return true
}
