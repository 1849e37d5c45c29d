import type { Node, Pod, Taint } from '../../api/core'
import type { ConditionStatus, KubeObject } from '../../api/meta'
import { nodeConditions, nodeTaints } from '../../api/node-util'
import type { KubeletProcesses } from '../../infra/kubelet-processes'
import { toRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { splitNamespacedName } from '../../store/keys'
import type { WatchEvent } from '../../store/store'
import { passAtOrAfter, readyOf, unknownAtMs, unknownConditions } from './health'
import { markPodNotReady } from './mark-pods'
import {
  hasTaint,
  noScheduleTaintDiff,
  NOT_READY_NO_EXECUTE,
  swapTaints,
  UNREACHABLE_NO_EXECUTE,
} from './taints'
import { zoneKey, Zones } from './zones'

/** The name node events carry as their source, as upstream's recorder does. */
const COMPONENT = 'node-controller'

/**
 * The node lifecycle controller (`pkg/controller/nodelifecycle`). It never polls:
 * a kubelet that goes silent (see `infra/kubelet-processes.ts`) sets a timer for
 * its last Lease renewal plus the grace period, aligned on the 5 s monitor
 * passes; then the node's conditions turn Unknown ("Kubelet stopped posting node
 * status."), its pods are marked not ready, and at the next pass it joins its
 * zone's queue for the `unreachable` NoExecute taint, which the taint eviction
 * controller acts on. NoSchedule taints follow the conditions and the cordon at
 * once. Cost follows what changes: a cluster at rest is never looked at.
 *
 * Keys: `node/<name>` (a monitor pass over one node), `noschedule/<name>`,
 * `zone/<zone>` (the tainting pass), `pod/<ns>/<name>`, `disruption`.
 */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  /** Passes fall every monitor period from here. */
  private readonly originMs: number
  /** `knownNodeSet`: name → uid, for the events of nodes that come and go. */
  private readonly known = new Map<string, string>()
  /** The Ready status each node's taints were last brought in line with. */
  private readonly tainted = new Map<string, ConditionStatus | undefined>()
  private readonly zones = new Zones()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly processes: KubeletProcesses,
  ) {
    this.queue = ctx.newQueue(this.name)
    this.originMs = ctx.clock.nowMs()
    // The nodes already there were registered before this controller started: no event for them.
    for (const node of ctx.store.list<Node>('Node')) {
      this.known.set(node.metadata.name, node.metadata.uid!)
      this.tainted.set(node.metadata.name, readyOf(node))
      this.zones.observe(node.metadata.name, node, this.originMs)
    }
    this.zones.handleDisruption(this.originMs)
    processes.subscribe(({ nodeName }) => this.queue.add(`node/${nodeName}`))
    ctx.store.watch((event) => this.changed(event), ['Node', 'Pod'])
  }

  private changed({ type, object, old }: WatchEvent): void {
    const before = type === 'ADDED' ? undefined : type === 'DELETED' ? object : old
    const after = type === 'DELETED' ? undefined : object
    if (object.kind === 'Pod') {
      // Just bound: a pod bound to a node that is not ready is marked so.
      const to = (after as Pod | undefined)?.spec.nodeName
      if (to && to !== (before as Pod | undefined)?.spec.nodeName)
        this.queue.add(`pod/${after!.metadata.namespace}/${after!.metadata.name}`)
      return
    }
    const name = object.metadata.name
    const b = before as Node | undefined
    const a = after as Node | undefined
    const nowMs = this.ctx.clock.nowMs()
    if (this.zones.observe(name, a, nowMs)) this.atNextPass('disruption')
    if (!b || !a || readyOf(b) !== readyOf(a)) this.atNextPass(`node/${name}`)
    if (a && (!b || this.schedulingInputsChanged(b, a))) this.queue.add(`noschedule/${name}`)
  }

  private schedulingInputsChanged(b: Node, a: Node): boolean {
    if (b.spec?.taints !== a.spec?.taints || b.spec?.unschedulable !== a.spec?.unschedulable)
      return true
    const statuses = (n: Node) =>
      nodeConditions(n)
        .map((c) => c.type + c.status)
        .join()
    return b.status?.conditions !== a.status?.conditions && statuses(b) !== statuses(a)
  }

  /** A change is seen by the next monitor pass, never by the one that made it. */
  private atNextPass(key: string): void {
    const nowMs = this.ctx.clock.nowMs()
    this.queue.addAfter(key, passAtOrAfter(nowMs + 1, this.originMs) - nowMs)
  }

  reconcile(key: string): ReconcileResult | void {
    if (key === 'disruption') return this.handleDisruption()
    const slash = key.indexOf('/')
    const kind = key.slice(0, slash)
    const rest = key.slice(slash + 1)
    switch (kind) {
      case 'node':
        return this.monitor(rest)
      case 'noschedule':
        return this.noScheduleTaintingPass(rest)
      case 'zone':
        return this.noExecuteTaintingPass(rest)
      case 'pod':
        return this.processPod(rest)
    }
  }

  /** `monitorNodeHealth` for one node. */
  private monitor(name: string): ReconcileResult | void {
    let node = this.ctx.store.get<Node>('Node', undefined, name)
    if (!node) return this.forget(name)
    const nowMs = this.ctx.clock.nowMs()
    if (!this.known.has(name)) {
      this.known.set(name, node.metadata.uid!)
      this.nodeEvent(
        node,
        'RegisteredNode',
        `Node ${name} event: Registered Node ${name} in Controller`,
      )
      node = this.markReachable(node)
    }
    const observed = readyOf(node)
    let requeueMs: number | undefined
    const lastRenewal = this.processes.lastRenewalMs(name)
    if (lastRenewal !== undefined) {
      const at = unknownAtMs(lastRenewal, this.originMs)
      if (nowMs < at) requeueMs = at - nowMs
      else {
        const conditions = unknownConditions(node, toRfc3339(nowMs))
        if (conditions)
          node = this.ctx.store.updateStatus<Node>({
            ...node,
            metadata: { ...node.metadata, resourceVersion: undefined },
            status: { ...node.status, conditions },
          })
      }
    }
    const current = readyOf(node)
    if (current !== 'True' && observed === 'True') {
      this.nodeEvent(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`)
      for (const pod of this.ctx.store.podsOnNode(name)) this.markNotReady(pod.metadata.uid!, name)
    }
    this.taintBasedEviction(node, observed)
    if (requeueMs !== undefined) return { requeueAfterMs: requeueMs }
  }

  private forget(name: string): void {
    const uid = this.known.get(name)
    if (uid === undefined) return
    this.known.delete(name)
    this.tainted.delete(name)
    const ref: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } }
    this.nodeEvent(ref, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`)
  }

  /**
   * `processTaintBaseEviction`, on the Ready status seen at the start of the
   * pass: NotReady or Unknown puts the node in its zone's queue for the matching
   * NoExecute taint (or swaps one for the other at once); Ready again lifts
   * both. A taint someone put on a Ready node by hand is not this controller's.
   */
  private taintBasedEviction(node: Node, observed: ConditionStatus | undefined): void {
    const name = node.metadata.name
    const previous = this.tainted.get(name)
    this.tainted.set(name, observed)
    const tainter = this.zones.tainterOf(node)
    if (observed === 'True') {
      if (previous !== 'True') this.markReachable(node)
      return
    }
    if (observed === undefined || observed === previous) return
    const [want, opposite] =
      observed === 'False'
        ? [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE]
        : [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]
    if (hasTaint(node, opposite)) {
      this.writeTaints(node, [want], [opposite])
      return
    }
    if (!hasTaint(node, want) && tainter?.add(name)) this.queue.add(`zone/${zoneKey(node)}`)
  }

  /** `markNodeAsReachable`: off with both NoExecute taints, out of the queue. */
  private markReachable(node: Node): Node {
    this.zones.tainterOf(node)?.remove(node.metadata.name)
    return this.writeTaints(node, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE])
  }

  /** `doNoExecuteTaintingPass` for one zone: as many nodes as its limiter lets through. */
  private noExecuteTaintingPass(zone: string): ReconcileResult | void {
    const tainter = this.zones.tainter(zone)
    if (!tainter) return
    const nowMs = this.ctx.clock.nowMs()
    while (tainter.queue.length > 0) {
      if (!tainter.limiter.tryAccept(nowMs)) {
        const waitMs = tainter.limiter.waitMs(nowMs)
        return waitMs === undefined ? undefined : { requeueAfterMs: Math.max(1, waitMs) }
      }
      const node = this.ctx.store.get<Node>('Node', undefined, tainter.queue.shift()!)
      const ready = readyOf(node)
      if (!node || ready === 'True' || ready === undefined) continue
      if (ready === 'False')
        this.writeTaints(node, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE])
      else this.writeTaints(node, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE])
    }
  }

  private noScheduleTaintingPass(name: string): void {
    const node = this.ctx.store.get<Node>('Node', undefined, name)
    if (!node) return
    const { add, remove } = noScheduleTaintDiff(node)
    if (add.length > 0 || remove.length > 0) this.writeTaints(node, add, remove)
  }

  private handleDisruption(): void {
    const nowMs = this.ctx.clock.nowMs()
    const change = this.zones.handleDisruption(nowMs)
    if (change.enteredFullDisruption) {
      for (const node of this.ctx.store.list<Node>('Node')) {
        this.markReachable(node)
        this.tainted.delete(node.metadata.name)
      }
    }
    // Out of it, each node still down is looked at again, and queued for its taint.
    if (change.exitedFullDisruption)
      for (const name of this.zones.notReady()) this.queue.add(`node/${name}`)
    for (const zone of change.resumed) this.queue.add(`zone/${zone}`)
  }

  /** `processPod`: a pod bound to a node that is not Ready is marked not ready too. */
  private processPod(key: string): void {
    const { namespace, name } = splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    const nodeName = pod?.spec.nodeName
    if (!nodeName) return
    const ready = readyOf(this.ctx.store.get<Node>('Node', undefined, nodeName))
    if (ready !== undefined && ready !== 'True') markPodNotReady(this.ctx, pod, COMPONENT)
  }

  private markNotReady(uid: string, nodeName: string): void {
    const pod = this.ctx.store.getByUid<Pod>(uid)
    if (pod?.spec.nodeName === nodeName) markPodNotReady(this.ctx, pod, COMPONENT)
  }

  private writeTaints(node: Node, add: Taint[], remove: Taint[]): Node {
    const taints = swapTaints(nodeTaints(node), add, remove, toRfc3339(this.ctx.clock.nowMs()))
    if (!taints) return node
    const spec = { ...node.spec, taints: taints.length > 0 ? taints : undefined }
    return this.ctx.store.updateOwned<Node>({
      ...node,
      metadata: { ...node.metadata },
      spec,
    })
  }

  private nodeEvent(node: KubeObject, reason: string, message: string): void {
    this.ctx.recorder.record(node, 'Normal', reason, message, { component: COMPONENT })
  }
}
