import {
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  type CronJob,
  type Job,
  type ObjectReference,
} from '../../api/batch'
import { formatRfc3339In } from './time-format'

/**
 * `getJobName`: the CronJob's name and the scheduled time in minutes since the
 * epoch, so the same scheduled time can never make two Jobs.
 */
export function jobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`
}

/** `getJobFromTemplate2`: the template's labels, annotations and spec, owned by the CronJob. */
export function jobFromTemplate(cj: CronJob, scheduledMs: number): Job {
  const template = cj.spec.jobTemplate
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj, scheduledMs),
      namespace: cj.metadata.namespace,
      labels: { ...template.metadata?.labels },
      annotations: {
        ...template.metadata?.annotations,
        [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: formatRfc3339In(scheduledMs, cj.spec.timeZone),
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cj.metadata.name,
          uid: cj.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template.spec,
  }
}

/** `getRef`: how `status.active` names a Job. */
export function jobReference(job: Job): ObjectReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name,
    namespace: job.metadata.namespace,
    resourceVersion: job.metadata.resourceVersion,
    uid: job.metadata.uid,
  }
}
