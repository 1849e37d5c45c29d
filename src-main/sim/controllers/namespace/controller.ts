import type { Namespace } from '../../api/core'
import { toRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import { FailureBackoff } from '../../runtime/failure-backoff'
import type { WorkQueue } from '../../runtime/work-queue'
import { ApiError } from '../../store/errors'
import { FINALIZER_KUBERNETES } from '../../store/lifecycle-strategies'
import { updatedConditions } from './conditions'
import { deleteAllContent } from './deleter'

/**
 * Time to wait before acting on a namespace event (`namespaceDeletionGracePeriod`),
 * so that API servers and etcd members have all seen the deletion.
 */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000

/**
 * The namespace controller (`pkg/controller/namespace`): once a namespace is
 * being deleted it marks it Terminating, deletes everything in it, keeps its
 * conditions, and when nothing is left removes its `kubernetes` finalizer, at
 * which the namespace goes. Content that takes time (pods in their grace
 * period) is looked at again after half its estimate, as upstream does.
 */
export class NamespaceController implements Controller {
  readonly name = 'namespace-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  /** `nsControllerRateLimiter`: 5 ms doubling, at most a minute. */
  private readonly backoff = new FailureBackoff(5, 60_000)

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        if (type !== 'DELETED' && object.metadata.deletionTimestamp)
          this.queue.addAfter(object.metadata.name, NAMESPACE_DELETION_GRACE_PERIOD_MS)
      },
      ['Namespace'],
    )
  }

  reconcile(name: string): ReconcileResult | void {
    try {
      const estimate = this.sync(name)
      this.backoff.forget(name)
      if (estimate > 0) return { requeueAfterMs: (Math.floor(estimate / 2) + 1) * 1000 }
    } catch (e) {
      if (!(e instanceof ApiError || e instanceof ContentError)) throw e
      return { requeueAfterMs: this.backoff.next(name) }
    }
  }

  /** `namespacedResourcesDeleter.Delete`; returns the seconds content still needs, if any. */
  private sync(name: string): number {
    const store = this.ctx.store
    let ns = store.get<Namespace>('Namespace', undefined, name)
    if (!ns?.metadata.deletionTimestamp) return 0
    if (ns.status?.phase !== 'Terminating') {
      ns = store.updateStatus<Namespace>({ ...ns, status: { ...ns.status, phase: 'Terminating' } })
    }
    if ((ns.spec?.finalizers ?? []).length === 0) return 0
    const nowMs = this.ctx.clock.nowMs()
    const pass = deleteAllContent(store, name, ns.metadata.deletionTimestamp!, nowMs)
    const latest = store.get<Namespace>('Namespace', undefined, name)
    if (latest) {
      const conditions = updatedConditions(latest.status?.conditions, pass, toRfc3339(nowMs))
      if (conditions)
        store.updateStatus<Namespace>({ ...latest, status: { ...latest.status, conditions } })
    }
    if (pass.errors.length > 0) throw new ContentError(pass.errors.join(', '))
    if (pass.estimateSeconds > 0) return pass.estimateSeconds
    this.finalize(name)
    return 0
  }

  /** `finalizeNamespace`: drops `kubernetes` from spec.finalizers; with none left, the namespace goes. */
  private finalize(name: string): void {
    const ns = this.ctx.store.get<Namespace>('Namespace', undefined, name)
    if (!ns) return
    const finalizers = [...new Set(ns.spec?.finalizers ?? [])]
      .filter((f) => f !== FINALIZER_KUBERNETES)
      .sort()
    this.ctx.store.updateOwned<Namespace>({
      ...ns,
      metadata: { ...ns.metadata, resourceVersion: undefined },
      spec: { ...ns.spec, finalizers },
    })
  }
}

/** Content that could not be deleted; the namespace is retried with back-off. */
class ContentError extends Error {}
