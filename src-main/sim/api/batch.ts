import type { ConditionStatus, KubeObject, LabelSelector, ObjectMeta } from './meta'
import type { PodTemplateSpec } from './core'

/** Labels and names from `k8s.io/api/batch/v1`. */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid'
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name'
export const LEGACY_JOB_CONTROLLER_UID_LABEL = 'controller-uid'
export const LEGACY_JOB_NAME_LABEL = 'job-name'
/** Keeps a finished pod until the Job controller has counted it. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking'
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION =
  'batch.kubernetes.io/cronjob-scheduled-timestamp'

export type CompletionMode = 'NonIndexed' | 'Indexed'
export type PodReplacementPolicy = 'TerminatingOrFailed' | 'Failed'

export interface JobSpec {
  parallelism?: number
  completions?: number
  activeDeadlineSeconds?: number
  backoffLimit?: number
  selector?: LabelSelector
  manualSelector?: boolean
  template: PodTemplateSpec
  ttlSecondsAfterFinished?: number
  completionMode?: CompletionMode
  suspend?: boolean
  podReplacementPolicy?: PodReplacementPolicy
}

export type JobConditionType =
  'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet'

export interface JobCondition {
  type: JobConditionType
  status: ConditionStatus
  lastProbeTime?: string
  lastTransitionTime?: string
  reason?: string
  message?: string
}

export interface JobStatus {
  conditions?: JobCondition[]
  startTime?: string
  completionTime?: string
  /** Counters are left out at zero, as the API's `omitempty` leaves them out. */
  active?: number
  succeeded?: number
  failed?: number
  terminating?: number
  ready?: number
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] }
}

export interface Job extends KubeObject {
  kind: 'Job'
  spec: JobSpec
  status?: JobStatus
}

export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace'

export interface JobTemplateSpec {
  metadata?: Partial<ObjectMeta>
  spec: JobSpec
}

export interface CronJobSpec {
  schedule: string
  timeZone?: string
  startingDeadlineSeconds?: number
  concurrencyPolicy?: ConcurrencyPolicy
  suspend?: boolean
  jobTemplate: JobTemplateSpec
  successfulJobsHistoryLimit?: number
  failedJobsHistoryLimit?: number
}

/** `corev1.ObjectReference`, as `status.active` lists Jobs. */
export interface ObjectReference {
  apiVersion?: string
  kind?: string
  namespace?: string
  name: string
  uid?: string
  resourceVersion?: string
}

export interface CronJobStatus {
  active?: ObjectReference[]
  lastScheduleTime?: string
  lastSuccessfulTime?: string
}

export interface CronJob extends KubeObject {
  kind: 'CronJob'
  spec: CronJobSpec
  status?: CronJobStatus
}

export function jobCondition(job: Job, type: JobConditionType): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type)
}

/** `FinishedCondition` (`pkg/controller/job/util`): Complete or Failed, when True. */
export function jobFinishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type
  }
  return undefined
}

export function isJobFinished(job: Job): boolean {
  return jobFinishedCondition(job) !== undefined
}

export function isJobSucceeded(job: Job): boolean {
  return jobFinishedCondition(job) === 'Complete'
}
