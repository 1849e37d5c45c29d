import type { Node, Service } from '../../api/core'
import type { ReconcileResult, Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { ipToNumber, isIPv4, numberToIp } from '../../store/service/ranges'

/** The address pool kind's MetalLB guide configures on the docker network (`172.18.0.0/16`). */
export const LB_POOL = { first: '172.18.255.200', last: '172.18.255.250' }
/** From a LoadBalancer Service appearing to MetalLB writing its address. */
const ASSIGN_DELAY = { baseMs: 1000, jitterMs: 400 }
/** kind labels its control-plane node so that load balancers leave it out. */
const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers'

const isLoadBalancer = (svc: Service | undefined): svc is Service =>
  svc?.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass

/**
 * A MetalLB in layer-2 mode, as kind's load-balancer guide installs it: a
 * LoadBalancer Service gets the next free address of the pool in
 * `status.loadBalancer.ingress` after a moment, with MetalLB's events; the
 * address goes back to the pool when the Service goes or changes type. Keys are
 * `namespace/service`.
 */
export class LoadBalancerController implements Controller {
  readonly name = 'metallb-controller'
  readonly queue: WorkQueue
  /** Address → the Service holding it, read from the Services' statuses. */
  private readonly owners = new Map<string, string>()
  /** When a Service waiting for an address gets it. */
  private readonly dueAtMs = new Map<string, number>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        const key = namespacedName(object)
        if (old) this.track(key, old as Service, false)
        this.track(key, object as Service, type !== 'DELETED')
        if (type === 'DELETED') this.dueAtMs.delete(key)
        this.queue.add(key)
      },
      ['Service'],
    )
  }

  private track(key: string, svc: Service, hold: boolean): void {
    for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
      if (!ingress.ip || !inPool(ingress.ip)) continue
      if (hold) this.owners.set(ingress.ip, key)
      else if (this.owners.get(ingress.ip) === key) this.owners.delete(ingress.ip)
    }
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const svc = this.ctx.store.get<Service>('Service', namespace, name)
    if (!svc) return
    const ingress = svc.status?.loadBalancer?.ingress ?? []
    if (!isLoadBalancer(svc)) {
      this.dueAtMs.delete(key)
      // Not ours any more: the address goes back to the pool.
      if (ingress.some((i) => i.ip && inPool(i.ip))) this.writeIngress(svc, undefined)
      return
    }
    if (ingress.some((i) => i.ip && this.owners.get(i.ip) === key)) return
    const now = this.ctx.clock.nowMs()
    let due = this.dueAtMs.get(key)
    if (due === undefined) {
      due = now + Math.round(this.ctx.prng.jitter(ASSIGN_DELAY.baseMs, ASSIGN_DELAY.jitterMs))
      this.dueAtMs.set(key, due)
    }
    if (now < due) return { requeueAfterMs: due - now }
    this.dueAtMs.delete(key)
    this.assign(svc, key)
  }

  private assign(svc: Service, key: string): void {
    const source = { component: this.name }
    const ip = this.freeAddress(svc.spec.loadBalancerIP)
    if (!ip) {
      this.ctx.recorder.record(
        svc,
        'Warning',
        'AllocationFailed',
        `Failed to allocate IP for "${key}": no available IPs`,
        source,
      )
      return
    }
    const written = this.writeIngress(svc, ip)
    this.ctx.recorder.record(written, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`, source)
    const node = this.announcingNode(ip)
    if (node)
      this.ctx.recorder.record(
        written,
        'Normal',
        'nodeAssigned',
        `announcing from node "${node}" with protocol "layer2"`,
        { component: 'metallb-speaker' },
      )
  }

  private freeAddress(requested: string | undefined): string | undefined {
    if (requested) return inPool(requested) && !this.owners.has(requested) ? requested : undefined
    for (let n = ipToNumber(LB_POOL.first); n <= ipToNumber(LB_POOL.last); n++) {
      const ip = numberToIp(n)
      if (!this.owners.has(ip)) return ip
    }
    return undefined
  }

  /** The speaker that answers ARP for the address: a ready worker, chosen by hashing the address. */
  private announcingNode(ip: string): string | undefined {
    const nodes = this.ctx.store
      .list<Node>('Node')
      .filter((n) => {
        const labels = n.metadata.labels ?? {}
        return (
          !(EXCLUDE_LABEL in labels) &&
          !('node-role.kubernetes.io/control-plane' in labels) &&
          Boolean(n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        )
      })
      .map((n) => n.metadata.name)
      .sort()
    if (nodes.length === 0) return undefined
    return nodes[ipToNumber(ip) % nodes.length]
  }

  private writeIngress(svc: Service, ip: string | undefined): Service {
    return this.ctx.store.updateStatus<Service>({
      ...svc,
      metadata: { ...svc.metadata, resourceVersion: undefined },
      status: { ...svc.status, loadBalancer: ip ? { ingress: [{ ip, ipMode: 'VIP' }] } : {} },
    })
  }
}

function inPool(ip: string): boolean {
  if (!isIPv4(ip)) return false
  const n = ipToNumber(ip)
  return n >= ipToNumber(LB_POOL.first) && n <= ipToNumber(LB_POOL.last)
}
