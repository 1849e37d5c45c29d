import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { ApiError } from '../../store/errors'

/**
 * The garbage collector, background propagation: when an owner is gone, its
 * dependents whose owners are all gone are deleted too (and theirs, in turn).
 * Keys are owner uids.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(({ type, object }) => {
      if (type === 'DELETED' && object.metadata.uid) this.queue.add(object.metadata.uid)
    })
  }

  reconcile(ownerUid: string): void {
    for (const dependent of this.ctx.store.dependents(ownerUid)) {
      const alive = (dependent.metadata.ownerReferences ?? []).some((ref) =>
        this.ctx.store.getByUid(ref.uid),
      )
      if (alive || dependent.metadata.deletionTimestamp) continue
      try {
        this.ctx.store.delete({
          kind: dependent.kind,
          namespace: dependent.metadata.namespace,
          name: dependent.metadata.name,
        })
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
      }
    }
  }
}
