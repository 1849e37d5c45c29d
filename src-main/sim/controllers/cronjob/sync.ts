import { jobFinishedCondition, type CronJob, type Job } from '../../api/batch'
import { isKnownTimeZone, parseCronSchedule, type CronSchedule } from '../../api/cron-schedule'
import { controllerRef } from '../../api/pod-util'
import { fromRfc3339, toRfc3339 } from '../../kernel/time'
import { ApiError } from '../../store/errors'
import { deleteJob, type CronJobWorker, type WorkingStatus } from './cleanup'
import { jobFromTemplate, jobName, jobReference } from './job-template'
import { mostRecentScheduleTime, nextScheduleDelayMs } from './schedule-times'
import { formatRfc1123Z } from './time-format'

export interface SyncResult {
  requeueAfterMs?: number
  updated: boolean
}

/**
 * `syncCronJob`: takes finished Jobs off the active list, then, if a scheduled
 * time has come that no Job ran for, starts one as the concurrency policy
 * allows, and asks to be woken at the next scheduled time.
 */
export function syncCronJob(
  w: CronJobWorker,
  cj: CronJob,
  status: WorkingStatus,
  jobs: readonly Job[],
): SyncResult {
  let updated = observeJobs(w, cj, status, jobs)
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): void =>
    w.ctx.recorder.record(cj, type, reason, message, { component: w.component })

  const timeZone = cj.spec.timeZone
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
    event(
      'Warning',
      'UnknownTimeZone',
      `invalid timeZone: "${timeZone}": unknown time zone ${timeZone}`,
    )
    return { updated }
  }
  if (cj.spec.suspend) return { updated }
  const schedule = parseSchedule(cj, event)
  if ('error' in schedule) {
    event(
      'Warning',
      'UnparseableSchedule',
      `unparseable schedule: "${cj.spec.schedule}" : ${schedule.error}`,
    )
    return { updated }
  }

  const nowMs = w.ctx.clock.nowMs()
  // The status read while deciding must be the one being built, not the stored one.
  const view = (): CronJob => ({ ...cj, status })
  const requeue = (): SyncResult => ({
    requeueAfterMs: nextScheduleDelayMs(view(), nowMs, schedule),
    updated,
  })
  const latest = mostRecentScheduleTime(view(), nowMs, schedule, true)
  if (latest.mostRecentMs === undefined || latest.mostRecentMs > nowMs) {
    if (latest.error === undefined) return requeue()
    event('Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${latest.error}`)
    return { updated }
  }
  const scheduledMs = latest.mostRecentMs
  if (latest.missed === 'many') {
    event(
      'Warning',
      'TooManyMissedTimes',
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    )
  }
  const deadlineSeconds = cj.spec.startingDeadlineSeconds
  if (deadlineSeconds !== undefined && scheduledMs + deadlineSeconds * 1000 < nowMs) {
    event(
      'Warning',
      'MissSchedule',
      `Missed scheduled time to start a job: ${formatRfc1123Z(scheduledMs)}`,
    )
    return requeue()
  }
  const name = jobName(cj, scheduledMs)
  const lastMs = status.lastScheduleTime ? fromRfc3339(status.lastScheduleTime) : undefined
  if (status.active.some((ref) => ref.name === name) || lastMs === scheduledMs) return requeue()
  if (cj.spec.concurrencyPolicy === 'Forbid' && status.active.length > 0) {
    event(
      'Normal',
      'JobAlreadyActive',
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    )
    return requeue()
  }
  if (cj.spec.concurrencyPolicy === 'Replace' && status.active.length > 0) {
    if (!replaceActive(w, cj, status, event)) return { updated }
    updated = true
  }
  const created = startJob(w, cj, status, scheduledMs, event)
  if (created === undefined) return { updated }
  if (created) {
    status.lastScheduleTime = toRfc3339(scheduledMs)
    updated = true
  }
  return requeue()
}

/** `Replace`: the Jobs still running at the next scheduled time are deleted. False when one could not be. */
function replaceActive(
  w: CronJobWorker,
  cj: CronJob,
  status: WorkingStatus,
  event: (type: 'Normal' | 'Warning', reason: string, message: string) => void,
): boolean {
  for (const ref of [...status.active]) {
    const job = w.ctx.store.get<Job>('Job', ref.namespace, ref.name)
    if (!job) {
      event('Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`)
      return false
    }
    if (!deleteJob(w, cj, status, job)) return false
  }
  return true
}

/**
 * Finished Jobs leave the active list (`SawCompletedJob`), the newest completion
 * becomes `lastSuccessfulTime`, and active Jobs that no longer exist are dropped.
 */
function observeJobs(
  w: CronJobWorker,
  cj: CronJob,
  status: WorkingStatus,
  jobs: readonly Job[],
): boolean {
  let updated = false
  const source = { component: w.component }
  const children = new Set<string>()
  for (const job of jobs) {
    const uid = job.metadata.uid!
    children.add(uid)
    const found = status.active.some((ref) => ref.uid === uid)
    const finished = jobFinishedCondition(job)
    if (!found && !finished) {
      const message = `Saw a job that the controller did not create or forgot: ${job.metadata.name}`
      w.ctx.recorder.record(cj, 'Warning', 'UnexpectedJob', message, source)
      continue
    }
    if (!finished) continue
    if (found) {
      status.active = status.active.filter((ref) => ref.uid !== uid)
      const message = `Saw completed job: ${job.metadata.name}, status: ${finished}`
      w.ctx.recorder.record(cj, 'Normal', 'SawCompletedJob', message, source)
      updated = true
    }
    const completed = job.status?.completionTime
    if (finished === 'Complete' && completed !== undefined) {
      const last = status.lastSuccessfulTime
      if (last === undefined || fromRfc3339(completed) > fromRfc3339(last)) {
        status.lastSuccessfulTime = completed
        updated = true
      }
    }
  }
  for (const ref of [...status.active]) {
    if (children.has(ref.uid ?? '') || w.ctx.store.get('Job', ref.namespace, ref.name)) continue
    w.ctx.recorder.record(
      cj,
      'Normal',
      'MissingJob',
      `Active job went missing: ${ref.name}`,
      source,
    )
    status.active = status.active.filter((r) => r.uid !== ref.uid)
    updated = true
  }
  return updated
}

/** `formatSchedule`: a `TZ=` in the schedule wins over `timeZone`, with a warning. */
function parseSchedule(
  cj: CronJob,
  event: (type: 'Warning', reason: string, message: string) => void,
): CronSchedule | { error: string } {
  const spec = cj.spec.schedule
  if (!spec.includes('TZ')) return parseCronSchedule(spec, cj.spec.timeZone)
  event(
    'Warning',
    'UnsupportedSchedule',
    `CRON_TZ or TZ used in schedule "${spec}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
  )
  return parseCronSchedule(spec)
}

/**
 * Creates the Job for `scheduledMs` through the API, as the controller does, and
 * adds it to the active list. True when added, false when it was already there,
 * undefined when it could not be made.
 */
function startJob(
  w: CronJobWorker,
  cj: CronJob,
  status: WorkingStatus,
  scheduledMs: number,
  event: (type: 'Normal' | 'Warning', reason: string, message: string) => void,
): boolean | undefined {
  const request = jobFromTemplate(cj, scheduledMs)
  let job: Job
  try {
    job = w.ctx.store.create(request)
    event('Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`)
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    if (e.reason !== 'AlreadyExists') {
      event('Warning', 'FailedCreate', `Error creating job: ${e.message}`)
      return undefined
    }
    // Made in an earlier sync whose status write was lost: adopt it into the active list.
    const existing = w.ctx.store.get<Job>('Job', cj.metadata.namespace, request.metadata.name)
    if (!existing || controllerRef(existing)?.uid !== cj.metadata.uid) return undefined
    if (status.active.some((ref) => ref.uid === existing.metadata.uid)) return false
    job = existing
  }
  status.active = [...status.active, jobReference(job)]
  return true
}
