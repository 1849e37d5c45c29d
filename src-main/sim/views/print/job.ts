import type { KubeObject, LabelSelector } from '../../api/meta'
import { fromRfc3339 } from '../../kernel/time'
import { humanDuration } from '../age'
import { formatLabelSelector } from '../format'
import { AGE, NAME, age, containerCells, printer } from './printer'

export interface JobShape extends KubeObject {
  spec: {
    completions?: number
    parallelism?: number
    selector?: LabelSelector
    template?: { spec?: { containers?: { name: string; image: string }[] } }
  }
  status?: {
    succeeded?: number
    startTime?: string
    completionTime?: string
    conditions?: { type: string; status: string }[]
  }
}

/** `hasJobCondition`: the first condition of the type decides. */
function hasCondition(job: JobShape, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True'
}

/** The STATUS column: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: JobShape): string {
  if (hasCondition(job, 'Complete')) return 'Complete'
  if (hasCondition(job, 'Failed')) return 'Failed'
  if (job.metadata.deletionTimestamp) return 'Terminating'
  if (hasCondition(job, 'Suspended')) return 'Suspended'
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

/** COMPLETIONS: `succeeded/completions`, or `n/1 of p` for a work queue with parallelism. */
export function jobCompletions(job: JobShape): string {
  const succeeded = job.status?.succeeded ?? 0
  if (job.spec.completions !== undefined && job.spec.completions !== null)
    return `${succeeded}/${job.spec.completions}`
  const parallelism = job.spec.parallelism ?? 0
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

/** DURATION: running time so far, or start to completion; empty before the start. */
export function jobDuration(job: JobShape, nowMs: number): string {
  const start = job.status?.startTime
  if (!start) return ''
  const end = job.status?.completionTime
  return humanDuration((end ? fromRfc3339(end) : nowMs) - fromRfc3339(start))
}

/** `printJob`. */
export const jobPrinter = printer<JobShape>(
  [
    NAME,
    { name: 'Status' },
    { name: 'Completions' },
    { name: 'Duration' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  (job, ctx) => [
    job.metadata.name,
    jobStatus(job),
    jobCompletions(job),
    jobDuration(job, ctx.nowMs),
    age(job, ctx),
    ...containerCells(job.spec.template?.spec?.containers),
    formatLabelSelector(job.spec.selector),
  ],
)
