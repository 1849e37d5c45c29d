import type { CronJob, CronJobStatus, Job } from '../../api/batch'
import { parseCronSchedule } from '../../api/cron-schedule'
import { controllerRef } from '../../api/pod-util'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import type { WatchEvent } from '../../store/store'
import { cleanupFinishedJobs, type CronJobWorker, type WorkingStatus } from './cleanup'
import { nextScheduleDelayMs } from './schedule-times'
import { syncCronJob } from './sync'

/**
 * The CronJob controller (`pkg/controller/cronjob`, the v2 controller): starts a
 * Job at each scheduled time as the concurrency policy allows, keeps the newest
 * finished Jobs as history, and sleeps on the virtual clock until the next
 * scheduled time, so an idle cluster costs nothing between runs.
 */
export class CronJobController implements Controller, CronJobWorker {
  readonly name = 'cronjob-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly component = 'cronjob-controller'
  readonly queue: WorkQueue

  constructor(readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      (event) =>
        event.object.kind === 'CronJob' ? this.cronJobChanged(event) : this.jobChanged(event),
      ['CronJob', 'Job'],
    )
  }

  /**
   * A new schedule is first looked at when it next fires (`updateCronJob`), so
   * changing it does not start a Job for a time it would have had in the past.
   */
  private cronJobChanged({ object, old }: WatchEvent): void {
    const cj = object as CronJob
    const before = old as CronJob | undefined
    const key = namespacedName(cj)
    if (
      !before ||
      (before.spec.schedule === cj.spec.schedule && before.spec.timeZone === cj.spec.timeZone)
    )
      return this.queue.add(key)
    const schedule = parseCronSchedule(cj.spec.schedule, cj.spec.timeZone)
    if ('error' in schedule) {
      const message = `unparseable schedule for cronjob: ${cj.spec.schedule}`
      this.ctx.recorder.record(cj, 'Warning', 'UnParseableCronJobSchedule', message, {
        component: this.component,
      })
      return
    }
    const delayMs = nextScheduleDelayMs(cj, this.ctx.clock.nowMs(), schedule)
    if (delayMs !== undefined) this.queue.addAfter(key, delayMs)
  }

  private jobChanged({ object, old }: WatchEvent): void {
    this.enqueueOwner(object as Job)
    if (old && old.metadata.ownerReferences !== object.metadata.ownerReferences)
      this.enqueueOwner(old as Job)
  }

  private enqueueOwner(job: Job): void {
    const ref = controllerRef(job)
    if (ref?.kind === 'CronJob') this.queue.add(`${job.metadata.namespace}/${ref.name}`)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const cj = this.ctx.store.get<CronJob>('CronJob', namespace, name)
    if (!cj) return
    const jobs = this.ctx.store
      .dependents<Job>(cj.metadata.uid!, 'Job')
      .filter((job) => controllerRef(job)?.uid === cj.metadata.uid)
    const status: WorkingStatus = {
      active: [...(cj.status?.active ?? [])],
      lastScheduleTime: cj.status?.lastScheduleTime,
      lastSuccessfulTime: cj.status?.lastSuccessfulTime,
    }
    const cleaned = cleanupFinishedJobs(this, cj, status, jobs)
    const result = syncCronJob(this, cj, status, jobs)
    if (cleaned || result.updated) {
      this.ctx.store.updateStatus<CronJob>({
        ...cj,
        metadata: { ...cj.metadata, resourceVersion: undefined },
        status: statusOf(status),
      })
    }
    if (result.requeueAfterMs === undefined) return
    return { requeueAfterMs: Math.max(1, result.requeueAfterMs) }
  }
}

function statusOf(status: WorkingStatus): CronJobStatus {
  const out: CronJobStatus = {}
  if (status.active.length > 0) out.active = status.active
  if (status.lastScheduleTime) out.lastScheduleTime = status.lastScheduleTime
  if (status.lastSuccessfulTime) out.lastSuccessfulTime = status.lastSuccessfulTime
  return out
}
