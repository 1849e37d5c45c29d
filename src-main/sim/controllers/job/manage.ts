import type { Pod } from '../../api/core'
import type { Job } from '../../api/batch'
import { isPodReady } from '../../api/pod-util'
import type { ControllerContext } from '../../runtime/context'
import { ApiError } from '../../store/errors'
import { podsToDelete } from '../replicaset/delete-order'
import { podCreationBackoffMs } from './backoff'
import type { JobTracking } from './tracking'

/** `MaxPodCreateDeletePerSync`. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500
/** `syncJobBatchPeriod`: a delayed sync never comes sooner than this. */
export const SYNC_JOB_BATCH_MS = 1000

export interface JobWorker {
  readonly ctx: ControllerContext
  readonly component: string
  readonly tracking: JobTracking
}

export interface ManageResult {
  /** Active pods once this sync's creations and deletions are made. */
  active: number
  /** Ready pods this sync deleted. */
  deletedReady: number
  /** Pods this sync deleted that will be terminating for a while. */
  terminatingAdded: number
  requeueAfterMs?: number
}

/**
 * `manageJob`: keeps `min(parallelism, completions - succeeded)` pods running,
 * deleting extra ones first and creating the missing ones only once the pod
 * failure back-off has passed. A suspended Job runs none.
 */
export function manageJob(
  w: JobWorker,
  job: Job,
  pods: readonly Pod[],
  active: readonly Pod[],
  succeeded: number,
  terminating: number,
): ManageResult {
  const parallelism = job.spec.parallelism ?? 1
  if (job.spec.suspend) return { active: 0, ...deletePods(w, job, active) }

  const completions = job.spec.completions
  const wantActive =
    completions === undefined
      ? succeeded > 0
        ? active.length
        : parallelism
      : Math.max(0, Math.min(completions - succeeded, parallelism))

  const excess = active.length - wantActive
  if (excess > 0) {
    const victims = podsToDelete(
      [...active],
      Math.min(excess, MAX_POD_CREATE_DELETE_PER_SYNC),
      w.ctx.clock.nowMs(),
    )
    const deleted = deletePods(w, job, victims)
    return { active: active.length - victims.length, ...deleted }
  }

  // With podReplacementPolicy Failed, a pod still terminating is not replaced yet.
  const waiting = job.spec.podReplacementPolicy === 'Failed' ? terminating : 0
  const diff = wantActive - waiting - active.length
  if (diff <= 0) return { active: active.length, deletedReady: 0, terminatingAdded: 0 }
  const backoffMs = podCreationBackoffMs(pods, w.ctx.clock.nowMs())
  if (backoffMs > 0) {
    return {
      active: active.length,
      deletedReady: 0,
      terminatingAdded: 0,
      requeueAfterMs: Math.max(backoffMs, SYNC_JOB_BATCH_MS),
    }
  }
  let created = 0
  // As many as the client's rate limiter lets through now; the pods' creation requeues the rest.
  const count = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC, w.ctx.writeBudget(w.component))
  for (let i = 0; i < count; i++) {
    if (!createPod(w, job)) break
    created++
  }
  return { active: active.length + created, deletedReady: 0, terminatingAdded: 0 }
}

/** `CreatePodsWithGenerateName`: `<job>-<5 chars>`, controlled by the Job. */
function createPod(w: JobWorker, job: Job): boolean {
  // Pods share the template's spec and labels; the scheduler's binding copies the spec it changes.
  const template = job.spec.template
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${job.metadata.name}-`,
      namespace: job.metadata.namespace,
      labels: template.metadata?.labels,
      annotations: template.metadata?.annotations,
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: job.metadata.name,
          uid: job.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template.spec,
    status: { phase: 'Pending' },
  }
  try {
    const created = w.ctx.store.createOwned(pod)
    w.ctx.recorder.record(
      job,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata.name}`,
      {
        component: w.component,
      },
    )
    return true
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    w.ctx.recorder.record(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, {
      component: w.component,
    })
    return false
  }
}

/**
 * Deletes pods of the Job, which then never count again: a failing Job counts
 * them as failed before it deletes them; pods removed for suspension or
 * scale-down are not counted at all (upstream drops their tracking finalizer
 * first).
 */
export function deletePods(
  w: JobWorker,
  job: Job,
  pods: readonly Pod[],
): { deletedReady: number; terminatingAdded: number } {
  w.tracking.markCounted(job.metadata.uid!, pods)
  let deletedReady = 0
  let terminatingAdded = 0
  for (const pod of pods) {
    const ref = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name }
    try {
      if (w.ctx.store.delete(ref)) terminatingAdded++
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
      continue
    }
    if (isPodReady(pod)) deletedReady++
    w.ctx.recorder.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, {
      component: w.component,
    })
  }
  return { deletedReady, terminatingAdded }
}
