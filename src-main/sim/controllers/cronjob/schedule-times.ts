import type { CronJob } from '../../api/batch'
import type { CronSchedule } from '../../api/cron-schedule'
import { fromRfc3339 } from '../../kernel/time'

/** `nextScheduleDelta`: the controller wakes this long after a scheduled time, against clock skew. */
export const NEXT_SCHEDULE_DELTA_MS = 100

/** Past this many missed times the controller warns (and still starts only the latest). */
const MANY_MISSED = 100

export type Missed = 'none' | 'few' | 'many'

export interface MostRecent {
  /** The last schedule time, else the CronJob's creation (moved up to the starting deadline). */
  earliestMs: number
  /** The latest scheduled time at or before now that is after `earliestMs`. */
  mostRecentMs?: number
  missed: Missed
  error?: string
}

/**
 * `mostRecentScheduleTime` (`pkg/controller/cronjob/utils.go`). It does not walk
 * every missed time: it estimates how many fit between the first one and now
 * from the gap between the first two, jumps there, and lets the schedule find
 * the exact latest one, so a CronJob idle for a year costs no more than one idle
 * for a minute.
 */
export function mostRecentScheduleTime(
  cj: CronJob,
  nowMs: number,
  schedule: CronSchedule,
  includeStartingDeadline: boolean,
): MostRecent {
  let earliestMs = fromRfc3339(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '')
  const deadlineSeconds = cj.spec.startingDeadlineSeconds
  if (includeStartingDeadline && deadlineSeconds !== undefined)
    earliestMs = Math.max(earliestMs, nowMs - deadlineSeconds * 1000)
  const t1 = schedule.next(earliestMs)
  if (t1 !== undefined && nowMs < t1) return { earliestMs, missed: 'none' }
  const t2 = t1 === undefined ? undefined : schedule.next(t1)
  if (t1 !== undefined && t2 !== undefined && nowMs < t2)
    return { earliestMs, mostRecentMs: t1, missed: 'none' }
  // A schedule that never fires again (`0 0 30 2 *`) gives robfig's zero time twice.
  const betweenSeconds = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000)
  if (betweenSeconds < 1) {
    return {
      earliestMs,
      missed: 'none',
      error: 'time difference between two schedules is less than 1 second',
    }
  }
  const elapsedSeconds = Math.trunc((nowMs - t1!) / 1000)
  const missedCount = Math.floor(elapsedSeconds / betweenSeconds) + 1
  // Back one more interval, so irregular schedules (`30 6-16/4 * * 1-5`) land right.
  const potentialEarliest = t1! + (missedCount - 2) * betweenSeconds * 1000
  let mostRecentMs: number | undefined
  for (
    let t = schedule.next(potentialEarliest);
    t !== undefined && t <= nowMs;
    t = schedule.next(t)
  )
    mostRecentMs = t
  const missed: Missed = missedCount > MANY_MISSED ? 'many' : 'few'
  return { earliestMs, mostRecentMs, missed }
}

/** `nextScheduleTimeDuration`: how long until the next scheduled time, plus the delta. */
export function nextScheduleDelayMs(
  cj: CronJob,
  nowMs: number,
  schedule: CronSchedule,
): number | undefined {
  const r = mostRecentScheduleTime(cj, nowMs, schedule, false)
  let fromMs: number
  if (r.error !== undefined) fromMs = nowMs
  else if (r.mostRecentMs !== undefined) fromMs = r.mostRecentMs
  else fromMs = r.missed === 'none' ? r.earliestMs : nowMs
  const next = schedule.next(fromMs)
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - nowMs
}
