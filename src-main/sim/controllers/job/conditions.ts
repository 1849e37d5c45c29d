import type { ConditionStatus } from '../../api/meta'
import type { JobCondition, JobConditionType } from '../../api/batch'

/** Reasons and messages the Job controller writes (`batch/v1` types and `job_controller.go`). */
export const BACKOFF_LIMIT_EXCEEDED = {
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
} as const
export const DEADLINE_EXCEEDED = {
  reason: 'DeadlineExceeded',
  message: 'Job was active longer than specified deadline',
} as const
export const COMPLETIONS_REACHED = {
  reason: 'CompletionsReached',
  message: 'Reached expected number of succeeded pods',
} as const

export function newCondition(
  type: JobConditionType,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: string,
): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message }
}

/**
 * `ensureJobConditionStatus`: sets a condition of `type`, or adds it when it is
 * not False (going from nothing to False says nothing). Returns the new list, or
 * the same list when nothing changed.
 */
export function ensureCondition(
  list: readonly JobCondition[],
  type: JobConditionType,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: string,
): readonly JobCondition[] {
  const i = list.findIndex((c) => c.type === type)
  if (i >= 0) {
    const c = list[i]!
    if (c.status === status && c.reason === reason && c.message === message) return list
    const next = [...list]
    next[i] = newCondition(type, status, reason, message, now)
    return next
  }
  if (status === 'False') return list
  return [...list, newCondition(type, status, reason, message, now)]
}

export function trueCondition(
  list: readonly JobCondition[],
  type: JobConditionType,
): JobCondition | undefined {
  return list.find((c) => c.type === type && c.status === 'True')
}
