import type { Node, Pod } from '../../api/core'
import type { Condition } from '../../api/meta'
import { matchingTolerations } from '../../api/tolerations'
import { toRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { minTolerationMs, noExecuteTaints, sameTaints } from './tolerations'

const NODE_PREFIX = 'node:'

/** An eviction waiting for a toleration to run out (`TimedWorker`). */
interface ScheduledEviction {
  createdAtMs: number
  fireAtMs: number
  /** The pod as last seen, for the event if the eviction is called off after it is gone. */
  pod: Pod
}

/**
 * The taint eviction controller (`pkg/controller/tainteviction`): pods on a node
 * with a `NoExecute` taint they do not tolerate are deleted at once; pods that
 * tolerate it for `tolerationSeconds` are deleted when that time runs out, unless
 * the taint goes (or the pod goes, or comes to tolerate it for ever) first.
 */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  /** Nodes with NoExecute taints (`taintedNodes`): only pods there need a look. */
  private readonly tainted = new Set<string>()
  private readonly scheduled = new Map<string, ScheduledEviction>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    for (const node of ctx.store.list<Node>('Node')) this.nodeChanged(undefined, node)
    for (const pod of ctx.store.list<Pod>('Pod')) this.podChanged(undefined, pod)
    ctx.store.watch(
      ({ type, object, old }) => {
        // A deletion hands over the object as it was last; an addition has no before.
        const before = type === 'DELETED' ? object : old
        const after = type === 'DELETED' ? undefined : object
        if (object.kind === 'Node')
          this.nodeChanged(before as Node | undefined, after as Node | undefined)
        else this.podChanged(before as Pod | undefined, after as Pod | undefined)
      },
      ['Node', 'Pod'],
    )
  }

  private nodeChanged(before: Node | undefined, after: Node | undefined): void {
    const name = (after ?? before)!.metadata.name
    const taints = noExecuteTaints(after?.spec.taints)
    if (taints.length > 0) this.tainted.add(name)
    else this.tainted.delete(name)
    if (before && after && sameTaints(noExecuteTaints(before.spec.taints), taints)) return
    this.queue.add(NODE_PREFIX + name)
  }

  private podChanged(before: Pod | undefined, after: Pod | undefined): void {
    const from = before?.spec.nodeName
    const to = after?.spec.nodeName
    // Only a new node or new tolerations change what this controller decides (`PodUpdated`).
    const relevant =
      !before || !after || from !== to || before.spec.tolerations !== after.spec.tolerations
    if (!relevant) return
    const pod = (after ?? before)!
    // Most pods are on untainted nodes with no eviction pending: they need no key.
    const onTainted = to !== undefined && this.tainted.has(to)
    if (!onTainted && this.scheduled.size === 0) return
    const key = namespacedName(pod)
    if (onTainted || this.scheduled.has(key)) this.queue.add(key)
  }

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith(NODE_PREFIX)) {
      // Every pod on the node is looked at again, each on its own key.
      for (const pod of this.ctx.store.podsOnNode(key.slice(NODE_PREFIX.length)))
        this.queue.add(namespacedName(pod))
      return
    }
    const { namespace, name } = splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    if (!pod || !pod.spec.nodeName) return this.cancel(key)
    // Already on its way out: a deletion in flight is not asked for twice.
    if (pod.metadata.deletionTimestamp) return
    const node = this.ctx.store.get<Node>('Node', undefined, pod.spec.nodeName)
    // A node that is gone keeps the evictions already under way, as upstream's timers do.
    if (!node) return
    return this.processPodOnNode(key, pod, noExecuteTaints(node.spec.taints))
  }

  /** `processPodOnNode`. */
  private processPodOnNode(
    key: string,
    pod: Pod,
    taints: ReturnType<typeof noExecuteTaints>,
  ): ReconcileResult | void {
    if (taints.length === 0) return this.cancel(key)
    const { allTolerated, used } = matchingTolerations(taints, pod.spec.tolerations ?? [])
    const nowMs = this.ctx.clock.nowMs()
    if (!allTolerated) {
      this.cancel(key)
      return this.evict(key, pod)
    }
    const tolerationMs = minTolerationMs(used)
    if (tolerationMs < 0) return this.cancel(key)
    const existing = this.scheduled.get(key)
    if (existing) {
      existing.pod = pod
      if (existing.fireAtMs <= nowMs) return this.evict(key, pod)
      return { requeueAfterMs: existing.fireAtMs - nowMs }
    }
    if (tolerationMs === 0) return this.evict(key, pod)
    this.scheduled.set(key, { createdAtMs: nowMs, fireAtMs: nowMs + tolerationMs, pod })
    return { requeueAfterMs: tolerationMs }
  }

  /** `cancelWorkWithEvent`: only an eviction still waiting is called off, with an event. */
  private cancel(key: string): void {
    const existing = this.scheduled.get(key)
    if (!existing) return
    this.scheduled.delete(key)
    if (existing.fireAtMs <= this.ctx.clock.nowMs()) return
    this.event(existing.pod, `Cancelling deletion of Pod ${key}`)
  }

  /** `deletePodHandler`: the event, the `DisruptionTarget` condition, then the delete. */
  private evict(key: string, pod: Pod): void {
    this.scheduled.delete(key)
    this.event(pod, `Marking for deletion Pod ${key}`)
    const written = this.ctx.store.updateStatus<Pod>({
      ...pod,
      metadata: { ...pod.metadata, resourceVersion: undefined },
      status: {
        ...pod.status,
        conditions: withDisruptionTarget(pod.status?.conditions, this.ctx.clock.nowMs()),
      },
    })
    this.ctx.store.delete({
      kind: 'Pod',
      namespace: written.metadata.namespace,
      name: written.metadata.name,
    })
  }

  private event(pod: Pod, message: string): void {
    this.ctx.recorder.record(pod, 'Normal', 'TaintManagerEviction', message, {
      component: this.name,
    })
  }
}

function withDisruptionTarget(conditions: Condition[] | undefined, nowMs: number): Condition[] {
  const existing = conditions?.find((c) => c.type === 'DisruptionTarget')
  const condition: Condition = {
    type: 'DisruptionTarget',
    status: 'True',
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
    lastTransitionTime:
      existing?.status === 'True' ? existing.lastTransitionTime : toRfc3339(nowMs),
  }
  return [...(conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), condition]
}
