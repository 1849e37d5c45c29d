import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { isJobFinished, type Job } from '../../api/batch'
import { controllerRef } from '../../api/pod-util'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import type { WatchEvent } from '../../store/store'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { SYNC_JOB_BATCH_MS, type JobWorker } from './manage'
import { syncJob } from './sync'
import { JobTracking } from './tracking'

/**
 * The Job controller (`pkg/controller/job`): runs a Job's pods to the number of
 * completions it asks for, `parallelism` at a time, replacing failed pods after a
 * growing back-off until `backoffLimit` or `activeDeadlineSeconds` fails the Job.
 * Finished pods stay; running ones are deleted when the Job fails.
 */
export class JobController implements Controller, JobWorker {
  readonly name = 'job-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly component = 'job-controller'
  readonly queue: WorkQueue
  readonly tracking = new JobTracking()

  constructor(readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      (event) => (event.object.kind === 'Job' ? this.jobChanged(event) : this.podChanged(event)),
      ['Job', 'Pod'],
    )
  }

  private jobChanged({ type, object, old }: WatchEvent): void {
    const key = namespacedName(object)
    if (type === 'DELETED') this.tracking.forget(object.metadata.uid!)
    // A new spec syncs at once; status writes (mostly its own) wait for the batch period, as upstream.
    if (old && old.metadata.generation === object.metadata.generation)
      this.queue.addAfter(key, SYNC_JOB_BATCH_MS)
    else this.queue.add(key)
  }

  /** Pod changes wake their Job after the batch period, so a burst of them costs one sync. */
  private podChanged({ type, object, old }: WatchEvent): void {
    const pod = object as Pod
    if (type === 'DELETED') this.podGone(pod)
    this.enqueueOwner(pod)
    if (old && old.metadata.ownerReferences !== pod.metadata.ownerReferences) this.enqueueOwner(old)
  }

  /**
   * Where upstream's tracking finalizer would have held the pod until it was
   * counted, the outcome is noted as it goes (see `JobTracking`).
   */
  private podGone(pod: Pod): void {
    const ref = controllerRef(pod)
    if (ref?.kind !== 'Job') return
    const job = this.ctx.store.getByUid<Job>(ref.uid)
    if (job?.kind === 'Job' && !isJobFinished(job)) this.tracking.podGone(ref.uid, pod)
  }

  private enqueueOwner(pod: KubeObject): void {
    const ref = controllerRef(pod)
    if (ref?.kind === 'Job')
      this.queue.addAfter(`${pod.metadata.namespace}/${ref.name}`, SYNC_JOB_BATCH_MS)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const job = this.ctx.store.get<Job>('Job', namespace, name)
    if (!job) return
    if (isJobFinished(job)) return this.tracking.forget(job.metadata.uid!)
    return syncJob(this, job)
  }
}
