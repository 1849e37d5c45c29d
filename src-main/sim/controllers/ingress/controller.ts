import { ANNOTATION_INGRESS_CLASS, type Ingress, type IngressClass } from '../../api/networking'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { deepEqual } from '../../store/equality'
import { namespacedName, splitNamespacedName } from '../../store/keys'

/** The controller name ingress-nginx answers to in an IngressClass. */
export const NGINX_CONTROLLER = 'k8s.io/ingress-nginx'
/**
 * The address kind's ingress-nginx publishes (`--publish-status-address=localhost`):
 * the controller listens on the node's ports 80 and 443, mapped to the host.
 */
const PUBLISHED_ADDRESS = { hostname: 'localhost' }
const SYNC_DELAY = { baseMs: 1500, jitterMs: 500 }

/** The class an Ingress names, in the field or in the annotation that came before it. */
export function ingressClassName(ing: Ingress): string | undefined {
  return ing.spec?.ingressClassName ?? ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS]
}

/**
 * ingress-nginx as kind's guide installs it, reduced to what the API shows: an
 * Ingress whose class is served by `k8s.io/ingress-nginx` gets the controller's
 * address in `status.loadBalancer.ingress` a moment after it appears. Without
 * such an IngressClass (a fresh kind cluster has none) an Ingress stays without
 * an address. Keys are `namespace/name`.
 */
export class IngressController implements Controller {
  readonly name = 'nginx-ingress-controller'
  readonly queue: WorkQueue
  /** Ingresses by the class they name, so that a class appearing wakes them. */
  private readonly byClass = new Map<string, Set<string>>()
  private readonly dueAtMs = new Map<string, number>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'IngressClass') {
          for (const key of this.byClass.get(object.metadata.name) ?? []) this.queue.add(key)
          return
        }
        const key = namespacedName(object)
        const before = old && ingressClassName(old as Ingress)
        if (before !== undefined) this.byClass.get(before)?.delete(key)
        const after = type === 'DELETED' ? undefined : ingressClassName(object as Ingress)
        if (after !== undefined) {
          let keys = this.byClass.get(after)
          if (!keys) this.byClass.set(after, (keys = new Set()))
          keys.add(key)
        }
        this.queue.add(key)
      },
      ['Ingress', 'IngressClass'],
    )
  }

  private served(ing: Ingress): boolean {
    const className = ingressClassName(ing)
    if (className === undefined) return false
    const ic = this.ctx.store.get<IngressClass>('IngressClass', undefined, className)
    return ic?.spec?.controller === NGINX_CONTROLLER
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const ing = this.ctx.store.get<Ingress>('Ingress', namespace, name)
    if (!ing) return void this.dueAtMs.delete(key)
    const current = ing.status?.loadBalancer?.ingress ?? []
    if (!this.served(ing)) {
      this.dueAtMs.delete(key)
      return
    }
    if (deepEqual(current, [PUBLISHED_ADDRESS])) return
    const now = this.ctx.clock.nowMs()
    let due = this.dueAtMs.get(key)
    if (due === undefined) {
      due = now + Math.round(this.ctx.prng.jitter(SYNC_DELAY.baseMs, SYNC_DELAY.jitterMs))
      this.dueAtMs.set(key, due)
      this.ctx.recorder.record(ing, 'Normal', 'Sync', 'Scheduled for sync', {
        component: this.name,
      })
    }
    if (now < due) return { requeueAfterMs: due - now }
    this.dueAtMs.delete(key)
    this.ctx.store.updateStatus<Ingress>({
      ...ing,
      metadata: { ...ing.metadata, resourceVersion: undefined },
      status: { loadBalancer: { ingress: [{ ...PUBLISHED_ADDRESS }] } },
    })
  }
}
