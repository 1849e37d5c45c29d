import type { KubeObject, OwnerReference } from '../../api/meta'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import { defaultControllerBackoff } from '../../runtime/failure-backoff'
import type { WorkQueue } from '../../runtime/work-queue'
import type { PropagationPolicy } from '../../store/deletion'
import { ApiError } from '../../store/errors'
import type { WatchEvent } from '../../store/store'
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS } from '../../store/validate-meta'
import {
  blockingDependents,
  classifyReferences,
  graphDependents,
  isBlocked,
  isIgnored,
  hasFinalizer,
  isDeletingDependents,
  isOrphaning,
} from './graph'

/**
 * The garbage collector (`pkg/controller/garbagecollector`): deletes objects
 * whose owners are all gone (background), deletes blocking dependents before
 * their owner goes (foreground, the `foregroundDeletion` finalizer), and strips
 * owner references when the owner goes alone (the `orphan` finalizer). Keys are
 * uids; a key names the object to look at, as owner or as dependent.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly backoff = defaultControllerBackoff()
  /** Owners deleting in the foreground whose blocking dependents were already pushed along. */
  private readonly pushed = new Set<string>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    // Recorded events are Events, which the graph ignores: returning first spares building them.
    ctx.store.watch((event) => event.kept || this.observe(event))
  }

  /** The graph builder's `processGraphChanges`: which changes may make something collectable. */
  private observe({ type, object, old }: WatchEvent): void {
    if (isIgnored(object)) return
    const meta = object.metadata
    const uid = meta.uid!
    if (type === 'DELETED') {
      // Its dependents may be orphans now, and a foreground owner may be done waiting.
      this.queue.add(uid)
      this.enqueueWaitingOwners(meta.ownerReferences)
      return
    }
    const prev = old?.metadata
    const startsDeleting =
      meta.deletionTimestamp !== undefined &&
      (prev === undefined || !prev.deletionTimestamp || prev.finalizers !== meta.finalizers)
    if (startsDeleting && (isDeletingDependents(object) || isOrphaning(object))) this.queue.add(uid)
    if (meta.ownerReferences === prev?.ownerReferences) return
    if (prev) {
      if (meta.ownerReferences?.length) this.queue.add(uid)
      this.enqueueUnblockedOwners(prev.ownerReferences, meta.ownerReferences)
    } else if (meta.ownerReferences?.length) {
      // A new object naming an owner that is not there (a "virtual" node upstream), or is going.
      const classified = classifyReferences(this.ctx.store, object)
      if (classified && classified.solid.length < meta.ownerReferences.length) this.queue.add(uid)
    }
  }

  private enqueueWaitingOwners(refs: readonly OwnerReference[] | undefined): void {
    for (const ref of refs ?? []) {
      const owner = this.ctx.store.getByUid(ref.uid)
      if (owner && isDeletingDependents(owner)) this.queue.add(ref.uid)
    }
  }

  /** `addUnblockedOwnersToDeleteQueue`: a blocking reference removed or unblocked. */
  private enqueueUnblockedOwners(
    before: readonly OwnerReference[] | undefined,
    after: readonly OwnerReference[] | undefined,
  ): void {
    const unblocked = (before ?? []).filter(
      (ref) =>
        ref.blockOwnerDeletion &&
        !(after ?? []).some((r) => r.uid === ref.uid && r.blockOwnerDeletion),
    )
    this.enqueueWaitingOwners(unblocked)
  }

  reconcile(uid: string): ReconcileResult | void {
    try {
      this.sync(uid)
      this.backoff.forget(uid)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return { requeueAfterMs: this.backoff.next(uid) }
    }
  }

  private sync(uid: string): void {
    const store = this.ctx.store
    const obj = store.getByUid(uid)
    if (!obj) {
      this.pushed.delete(uid)
      for (const dep of graphDependents(store, uid)) this.queue.add(dep.metadata.uid!)
      return
    }
    if (isOrphaning(obj)) return this.orphanDependents(obj)
    if (isDeletingDependents(obj)) return this.processDeletingDependents(obj)
    // Being deleted is a one-way trip: its dependents are looked at once it is gone.
    if (obj.metadata.deletionTimestamp) return
    if (obj.metadata.ownerReferences?.length) this.attemptToDelete(obj)
  }

  /** `attemptToDeleteItem`. */
  private attemptToDelete(item: KubeObject): void {
    const classified = classifyReferences(this.ctx.store, item)
    if (!classified) return
    const { solid, dangling, waitingForDependentsDeletion: waiting } = classified
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return
      // References to owners that are gone, or waiting on this, would hold them forever.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid))
      return this.setOwnerReferences(
        item,
        (item.metadata.ownerReferences ?? []).filter((r) => !drop.has(r.uid)),
      )
    }
    if (
      waiting.length > 0 &&
      this.ctx.store.hasDependent(item.metadata.uid!, (dep) => !isIgnored(dep))
    ) {
      const cycle = graphDependents(this.ctx.store, item.metadata.uid!).some(isDeletingDependents)
      if (cycle) {
        // An owner and a dependent both wait in the foreground: unblock to break the cycle.
        this.setOwnerReferences(
          item,
          (item.metadata.ownerReferences ?? []).map((r) =>
            r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r,
          ),
        )
      }
      return this.deleteObject(item, 'Foreground')
    }
    const policy: PropagationPolicy = hasFinalizer(item, FINALIZER_ORPHAN_DEPENDENTS)
      ? 'Orphan'
      : hasFinalizer(item, FINALIZER_DELETE_DEPENDENTS)
        ? 'Foreground'
        : 'Background'
    this.deleteObject(item, policy)
  }

  /**
   * `processDeletingDependentsItem`: done when no dependent blocks; else push the
   * blockers along. They are pushed once per owner: each goes on its own from
   * there, and the owner is looked at again whenever one of them is deleted, so
   * a foreground delete of many pods costs in proportion to the pods.
   */
  private processDeletingDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid!
    if (!isBlocked(this.ctx.store, uid)) {
      this.pushed.delete(uid)
      return this.removeFinalizer(owner, FINALIZER_DELETE_DEPENDENTS)
    }
    if (this.pushed.has(uid)) return
    this.pushed.add(uid)
    for (const dep of blockingDependents(this.ctx.store, uid))
      if (!isDeletingDependents(dep)) this.queue.add(dep.metadata.uid!)
  }

  /** `orphanDependents`, then the owner loses its `orphan` finalizer. */
  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid!
    for (const dep of graphDependents(this.ctx.store, uid)) {
      this.setOwnerReferences(
        dep,
        (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid),
      )
    }
    this.removeFinalizer(owner, FINALIZER_ORPHAN_DEPENDENTS)
  }

  private setOwnerReferences(obj: KubeObject, refs: OwnerReference[]): void {
    this.ctx.store.updateOwned({
      ...obj,
      metadata: {
        ...obj.metadata,
        ownerReferences: refs.length > 0 ? refs : undefined,
        resourceVersion: undefined,
      },
    })
  }

  private removeFinalizer(obj: KubeObject, finalizer: string): void {
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer)
    this.ctx.store.updateOwned({
      ...obj,
      metadata: {
        ...obj.metadata,
        finalizers: finalizers.length > 0 ? finalizers : undefined,
        resourceVersion: undefined,
      },
    })
  }

  private deleteObject(item: KubeObject, policy: PropagationPolicy): void {
    try {
      this.ctx.store.delete(
        { kind: item.kind, namespace: item.metadata.namespace, name: item.metadata.name },
        { propagationPolicy: policy, preconditions: { uid: item.metadata.uid } },
      )
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
    }
  }
}
