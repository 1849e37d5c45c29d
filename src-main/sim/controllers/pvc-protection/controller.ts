import type { Pod } from '../../api/core'
import type { PersistentVolumeClaim } from '../../api/storage'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { PVC_PROTECTION_FINALIZER } from '../../store/storage/in-use-protection'
import { removeFinalizer } from './finalizer'

/** The claims a pod's volumes name. */
function claimsOf(pod: Pod): string[] {
  const names: string[] = []
  for (const v of pod.spec?.volumes ?? [])
    if (v.persistentVolumeClaim) names.push(v.persistentVolumeClaim.claimName)
  return names
}

/**
 * The PVC protection controller (`pkg/controller/volume/pvcprotection`): a claim
 * being deleted keeps its `kubernetes.io/pvc-protection` finalizer, and so stays
 * `Terminating`, while a scheduled pod still names it; once none does, the
 * finalizer goes and the claim with it.
 */
export class PvcProtectionController implements Controller {
  readonly name = 'pvc-protection-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        if (object.kind === 'PersistentVolumeClaim') {
          if (type !== 'DELETED' && object.metadata.deletionTimestamp)
            this.queue.add(namespacedName(object))
          return
        }
        // A pod that goes (or is scheduled) may free, or hold, the claims it names.
        for (const claim of claimsOf(object as Pod)) {
          const pvc = ctx.store.get('PersistentVolumeClaim', object.metadata.namespace, claim)
          if (pvc?.metadata.deletionTimestamp) this.queue.add(namespacedName(pvc))
        }
      },
      ['PersistentVolumeClaim', 'Pod'],
    )
  }

  reconcile(key: string): void {
    const { namespace, name } = splitNamespacedName(key)
    const pvc = this.ctx.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name)
    if (!pvc?.metadata.deletionTimestamp) return
    if (!pvc.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return
    if (this.inUse(pvc)) return
    removeFinalizer(this.ctx, pvc, PVC_PROTECTION_FINALIZER)
  }

  /** `podUsesPVC`: a pod counts once scheduled, since the kubelet will not start one on a claim being deleted. */
  private inUse(pvc: PersistentVolumeClaim): boolean {
    const pods = this.ctx.store.list<Pod>('Pod', { namespace: pvc.metadata.namespace })
    return pods.some((pod) => pod.spec.nodeName && claimsOf(pod).includes(pvc.metadata.name))
  }
}
