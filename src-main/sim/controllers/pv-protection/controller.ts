import type { PersistentVolume } from '../../api/storage'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { PV_PROTECTION_FINALIZER } from '../../store/storage/in-use-protection'
import { removeFinalizer } from '../pvc-protection/finalizer'

/**
 * The PV protection controller (`pkg/controller/volume/pvprotection`): a volume
 * being deleted keeps its `kubernetes.io/pv-protection` finalizer while it is
 * `Bound` to a claim.
 */
export class PvProtectionController implements Controller {
  readonly name = 'pv-protection-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        if (type !== 'DELETED' && object.metadata.deletionTimestamp)
          this.queue.add(object.metadata.name)
      },
      ['PersistentVolume'],
    )
  }

  reconcile(name: string): void {
    const pv = this.ctx.store.get<PersistentVolume>('PersistentVolume', undefined, name)
    if (!pv?.metadata.deletionTimestamp) return
    if (!pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return
    if (pv.status?.phase === 'Bound') return
    removeFinalizer(this.ctx, pv, PV_PROTECTION_FINALIZER)
  }
}
