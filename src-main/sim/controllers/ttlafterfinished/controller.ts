import { jobFinishedCondition, jobCondition, type Job } from '../../api/batch'
import { fromRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { ApiError } from '../../store/errors'
import { namespacedName, splitNamespacedName } from '../../store/keys'

/**
 * The TTL-after-finished controller (`pkg/controller/ttlafterfinished`): deletes
 * a finished Job once `ttlSecondsAfterFinished` have passed since its Complete or
 * Failed condition; the garbage collector then takes its pods.
 */
export class TtlAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        const job = object as Job
        if (
          type !== 'DELETED' &&
          job.spec?.ttlSecondsAfterFinished !== undefined &&
          jobFinishedCondition(job)
        )
          this.queue.add(namespacedName(job))
      },
      ['Job'],
    )
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const job = this.ctx.store.get<Job>('Job', namespace, name)
    const ttlSeconds = job?.spec.ttlSecondsAfterFinished
    const finished = job && jobFinishedCondition(job)
    if (!job || ttlSeconds === undefined || !finished || job.metadata.deletionTimestamp) return
    const finishedMs = fromRfc3339(jobCondition(job, finished)?.lastTransitionTime ?? '')
    const remainingMs = finishedMs + ttlSeconds * 1000 - this.ctx.clock.nowMs()
    if (remainingMs > 0) return { requeueAfterMs: remainingMs }
    try {
      this.ctx.store.delete({ kind: 'Job', namespace, name })
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
    }
  }
}
