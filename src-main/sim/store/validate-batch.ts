import type { PodSpec } from '../api/core'
import {
  JOB_CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_JOB_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  type CronJob,
  type Job,
  type JobSpec,
} from '../api/batch'
import { isKnownTimeZone, parseCronSchedule } from '../api/cron-schedule'
import { selectorFrom } from './labels'
import type { FieldError } from './validate'

/**
 * `pkg/apis/batch/validation`: what the API server refuses in a Job or a
 * CronJob, worded as it words it. The pod template itself is checked by the
 * caller's pod validation, passed in.
 */
export type PodSpecCheck = (spec: PodSpec | undefined, path: string) => FieldError[]

/** Keys the API server generates for a Job's selector; any other means the user wrote one. */
const generatedKeys = new Set([
  JOB_CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_JOB_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
])

function nonNegative(value: number | undefined, field: string): FieldError[] {
  if (value === undefined || (Number.isInteger(value) && value >= 0)) return []
  return [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }]
}

function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  return {
    field,
    type: 'Unsupported value',
    value,
    detail: `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}`,
  }
}

/** `validateJobSpec`: counts, completion mode, the pod template and its restartPolicy. */
function validateJobSpec(spec: JobSpec, path: string, podSpec: PodSpecCheck): FieldError[] {
  const errors: FieldError[] = [
    ...nonNegative(spec.parallelism, `${path}.parallelism`),
    ...nonNegative(spec.completions, `${path}.completions`),
    ...nonNegative(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`),
    ...nonNegative(spec.backoffLimit, `${path}.backoffLimit`),
    ...nonNegative(spec.ttlSecondsAfterFinished, `${path}.ttlSecondsAfterFinished`),
  ]
  const mode = spec.completionMode
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errors.push(notSupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']))
  }
  if (mode === 'Indexed' && spec.completions === undefined) {
    errors.push({
      field: `${path}.completions`,
      type: 'Required value',
      detail: 'when completion mode is Indexed',
    })
  }
  errors.push(...podSpec(spec.template?.spec, `${path}.template.spec`))
  // Pod defaulting turns an unset restartPolicy into Always, so both read as missing.
  const policy = spec.template?.spec?.restartPolicy
  if (policy === 'Always' || policy === undefined) {
    errors.push({
      field: `${path}.template.spec.restartPolicy`,
      type: 'Required value',
      detail: 'valid values: "OnFailure", "Never"',
    })
  } else if (policy !== 'OnFailure' && policy !== 'Never') {
    errors.push(notSupported(`${path}.template.spec.restartPolicy`, policy, ['OnFailure', 'Never']))
  }
  return errors
}

export function validateJob(job: Job, podSpec: PodSpecCheck): FieldError[] {
  const spec = job.spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors = validateJobSpec(spec, 'spec', podSpec)
  if (spec.manualSelector === true) {
    if (!spec.selector) errors.push({ field: 'spec.selector', type: 'Required value' })
    else if (!selectorFrom(spec.selector).matches(spec.template?.metadata?.labels)) {
      errors.push({
        field: 'spec.template.metadata.labels',
        type: 'Invalid value',
        value: spec.template?.metadata?.labels ?? {},
        detail: '`selector` does not match template `labels`',
      })
    }
  } else if (spec.selector && !isGeneratedSelector(spec)) {
    errors.push({
      field: 'spec.selector',
      type: 'Invalid value',
      value: spec.selector.matchLabels ?? {},
      detail: '`selector` not auto-generated',
    })
  }
  return errors
}

function isGeneratedSelector(spec: JobSpec): boolean {
  if ((spec.selector?.matchExpressions ?? []).length > 0) return false
  return Object.keys(spec.selector?.matchLabels ?? {}).every((k) => generatedKeys.has(k))
}

/** `ValidateCronJobCreate` / `validateCronJobSpec`. */
export function validateCronJob(cronJob: CronJob, podSpec: PodSpecCheck): FieldError[] {
  const spec = cronJob.spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors: FieldError[] = []
  const name = cronJob.metadata.name
  // The controller appends `-<minutes since the epoch>` (11 characters) to name its Jobs.
  if (typeof name === 'string' && name.length > 52) {
    errors.push({
      field: 'metadata.name',
      type: 'Invalid value',
      value: name,
      detail: 'must be no more than 52 characters',
    })
  }
  errors.push(...validateSchedule(spec.schedule))
  errors.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'))
  errors.push(...validateTimeZone(spec.timeZone))
  const policy = spec.concurrencyPolicy
  if (policy === ('' as string))
    errors.push({ field: 'spec.concurrencyPolicy', type: 'Required value' })
  else if (policy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(policy)) {
    errors.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']))
  }
  errors.push(...validateJobTemplate(spec.jobTemplate?.spec, podSpec))
  errors.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'))
  errors.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'))
  return errors
}

function validateSchedule(schedule: string | undefined): FieldError[] {
  if (typeof schedule !== 'string' || schedule.length === 0)
    return [{ field: 'spec.schedule', type: 'Required value' }]
  const errors: FieldError[] = []
  const parsed = parseCronSchedule(schedule)
  if ('error' in parsed)
    errors.push({
      field: 'spec.schedule',
      type: 'Invalid value',
      value: schedule,
      detail: parsed.error,
    })
  if (schedule.includes('TZ')) {
    errors.push({
      field: 'spec.schedule',
      type: 'Invalid value',
      value: schedule,
      detail: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    })
  }
  return errors
}

/** IANA naming rules, then the time zone database (`validateTimeZone`). */
function validateTimeZone(timeZone: string | undefined): FieldError[] {
  if (timeZone === undefined) return []
  const invalid = (detail: string): FieldError[] => [
    { field: 'spec.timeZone', type: 'Invalid value', value: timeZone, detail },
  ]
  if (timeZone.length === 0) return invalid('timeZone must be nil or non-empty string')
  for (const part of timeZone.split('/')) {
    if (
      part === '.' ||
      part === '..' ||
      part.startsWith('-') ||
      !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)
    )
      return invalid(`unknown time zone ${timeZone}`)
  }
  if (timeZone.toLowerCase() === 'local')
    return invalid(
      'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    )
  return isKnownTimeZone(timeZone) ? [] : invalid(`unknown time zone ${timeZone}`)
}

/** `ValidateJobTemplateSpec`: the Job spec, whose selector is always generated. */
function validateJobTemplate(spec: JobSpec | undefined, podSpec: PodSpecCheck): FieldError[] {
  const path = 'spec.jobTemplate.spec'
  if (!spec || typeof spec !== 'object') return [{ field: path, type: 'Required value' }]
  const errors = validateJobSpec(spec, path, podSpec)
  if (spec.selector) {
    errors.push({
      field: `${path}.selector`,
      type: 'Invalid value',
      value: spec.selector.matchLabels ?? {},
      detail: '`selector` will be auto-generated',
    })
  }
  if (spec.manualSelector === true)
    errors.push(notSupported(`${path}.manualSelector`, true, ['nil', 'false']))
  return errors
}
