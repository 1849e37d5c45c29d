import type { PodTemplateSpec } from '../../api/core'
import type { KubeObject, LabelSelector } from '../../api/meta'
import { fromRfc3339 } from '../../kernel/time'
import { humanDuration } from '../age'
import { printBoolPtr, rfc1123z, selectorString } from '../format'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { controlledBy } from './pod'
import { describePodTemplate } from './pod-template'
import { type PrefixWriter, tabbed } from './prefix-writer'

interface JobSpecShape {
  parallelism?: number
  completions?: number
  completionMode?: string
  suspend?: boolean
  backoffLimit?: number
  ttlSecondsAfterFinished?: number
  activeDeadlineSeconds?: number
  selector?: LabelSelector
  template: PodTemplateSpec
}

interface JobDetail extends KubeObject {
  spec: JobSpecShape
  status?: {
    startTime?: string
    completionTime?: string
    active?: number
    ready?: number
    succeeded?: number
    failed?: number
    completedIndexes?: string
  }
}

/** `capIndexesListOrNone`: cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined): string {
  if (!indexes) return '<none>'
  const comma = indexes.indexOf(',', 50)
  return comma < 0 || indexes.length <= 50 ? indexes : `${indexes.slice(0, comma + 1)}...`
}

/** `describeJob`. */
export function describeJob(obj: KubeObject, ctx: DescribeContext): string {
  const job = obj as JobDetail
  const spec = job.spec
  const status = job.status ?? {}
  const events = searchEvents(ctx, job)
  return tabbed((w) => {
    w.write(0, `Name:\t${job.metadata.name}\n`)
    w.write(0, `Namespace:\t${job.metadata.namespace ?? ''}\n`)
    w.write(0, `Selector:\t${selectorString(spec.selector)}\n`)
    printLabelsMultiline(w, 'Labels', job.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations)
    const owner = controlledBy(job)
    if (owner) w.write(0, `Controlled By:\t${owner}\n`)
    if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`)
    w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`)
    if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`)
    if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`)
    if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`)
    if (spec.ttlSecondsAfterFinished !== undefined)
      w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`)
    if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`)
    if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`)
    if (status.startTime && status.completionTime)
      w.write(
        0,
        `Duration:\t${humanDuration(fromRfc3339(status.completionTime) - fromRfc3339(status.startTime))}\n`,
      )
    if (spec.activeDeadlineSeconds !== undefined)
      w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`)
    const [active, succeeded, failed] = [
      status.active ?? 0,
      status.succeeded ?? 0,
      status.failed ?? 0,
    ]
    w.write(
      0,
      status.ready === undefined
        ? `Pods Statuses:\t${active} Active / ${succeeded} Succeeded / ${failed} Failed\n`
        : `Pods Statuses:\t${active} Active (${status.ready} Ready) / ${succeeded} Succeeded / ${failed} Failed\n`,
    )
    if (spec.completionMode === 'Indexed')
      w.write(0, `Completed Indexes:\t${capIndexes(status.completedIndexes)}\n`)
    describePodTemplate(spec.template, w)
    describeEvents(events, w, ctx)
  })
}

interface CronJobDetail extends KubeObject {
  spec: {
    schedule: string
    concurrencyPolicy?: string
    suspend?: boolean
    successfulJobsHistoryLimit?: number
    failedJobsHistoryLimit?: number
    startingDeadlineSeconds?: number
    jobTemplate: { spec: JobSpecShape }
  }
  status?: { lastScheduleTime?: string; active?: { name: string }[] }
}

/** `describeJobTemplate`. */
function describeJobTemplate(spec: JobSpecShape, w: PrefixWriter): void {
  w.write(0, `Selector:\t${spec.selector ? selectorString(spec.selector) : '<unset>'}\n`)
  w.write(0, `Parallelism:\t${spec.parallelism ?? '<unset>'}\n`)
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`)
  if (spec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`)
  describePodTemplate(spec.template, w)
}

/** `describeCronJob`. */
export function describeCronJob(obj: KubeObject, ctx: DescribeContext): string {
  const cj = obj as CronJobDetail
  const spec = cj.spec
  const events = searchEvents(ctx, cj)
  return tabbed((w) => {
    w.write(0, `Name:\t${cj.metadata.name}\n`)
    w.write(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', cj.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations)
    w.write(0, `Schedule:\t${spec.schedule}\n`)
    w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`)
    w.write(0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`)
    w.write(0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? '<unset>'}\n`)
    w.write(0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? '<unset>'}\n`)
    w.write(
      0,
      `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`,
    )
    describeJobTemplate(spec.jobTemplate.spec, w)
    const last = cj.status?.lastScheduleTime
    w.write(0, `Last Schedule Time:\t${last ? rfc1123z(last) : '<unset>'}\n`)
    const active = cj.status?.active ?? []
    w.write(0, 'Active Jobs:\t')
    w.line(active.length === 0 ? '<none>' : active.map((j) => j.name).join(', '))
    describeEvents(events, w, ctx)
  })
}
