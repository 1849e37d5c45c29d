import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import type { StatefulSet } from '../../api/statefulset'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { StatefulSetControl } from './control'
import { STATEFULSET_CONTROLLER, StatefulPodControl } from './pod-control'

/**
 * The StatefulSet controller (`pkg/controller/statefulset/stateful_set.go`):
 * watches StatefulSets and the pods they own, and runs one pass of the control
 * loop per reconcile.
 */
export class StatefulSetController implements Controller {
  readonly name = STATEFULSET_CONTROLLER
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly control: StatefulSetControl

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.control = new StatefulSetControl(ctx, new StatefulPodControl(ctx))
    ctx.store.watch(
      ({ object, old }) => {
        if (object.kind === 'StatefulSet') return this.queue.add(namespacedName(object))
        this.enqueueOwner(object)
        if (old && old.metadata.ownerReferences !== object.metadata.ownerReferences)
          this.enqueueOwner(old)
      },
      ['StatefulSet', 'Pod'],
    )
  }

  private enqueueOwner(pod: KubeObject): void {
    const ref = controllerRef(pod)
    if (ref?.kind === 'StatefulSet') this.queue.add(`${pod.metadata.namespace}/${ref.name}`)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const set = this.ctx.store.get<StatefulSet>('StatefulSet', namespace, name)
    if (!set) return
    this.control.sync(set, this.control.ownedPods(set))
    // A pod becomes available minReadySeconds after it is ready, with no event to say so.
    const latest = this.ctx.store.get<StatefulSet>('StatefulSet', namespace, name)
    const minReadySeconds = latest?.spec.minReadySeconds ?? 0
    if (
      latest &&
      minReadySeconds > 0 &&
      latest.status?.availableReplicas !== (latest.spec.replicas ?? 1)
    )
      return { requeueAfterMs: minReadySeconds * 1000 }
  }
}
