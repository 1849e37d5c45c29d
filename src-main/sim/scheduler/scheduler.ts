import type { Pod } from '../api/core'
import type { Condition } from '../api/meta'
import { isPodTerminal } from '../api/pod-util'
import { toRfc3339 } from '../kernel/time'
import type { Controller, ReconcileResult } from '../runtime/controller'
import type { ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../store/keys'
import { fitErrorMessage } from './fit-error'
import { NodeInfoCache, type NodeInfo } from './node-info'
import { feasibleNodesToFind, podInfo, type PodInfo } from './pod-info'
import { filterPlugins, scorePlugins, type FilterResult } from './plugins'

/** `podMaxInUnschedulablePodsDuration`: an unschedulable pod is retried at least this often. */
const UNSCHEDULABLE_RETRY_MS = 5 * 60_000

/**
 * kube-scheduler's scheduling cycle for one pod: filter every node, score the
 * feasible ones, bind to the best (ties broken by the seeded generator, as the
 * real scheduler breaks them at random). A pod that fits nowhere stays Pending with
 * a `FailedScheduling` event and is retried when nodes change or pods go away.
 */
export class Scheduler implements Controller {
  readonly name = 'default-scheduler'
  readonly queue: WorkQueue
  private readonly cache: NodeInfoCache
  private readonly unschedulable = new Set<string>()
  private nextStartNodeIndex = 0

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.cache = new NodeInfoCache(ctx.store)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Pod') {
          const pod = object as Pod
          const key = namespacedName(pod)
          if (type === 'DELETED' || pod.spec.nodeName) this.unschedulable.delete(key)
          // Only new pods and spec changes call for a scheduling attempt; status writes (our own included) do not.
          const specChanged =
            type === 'ADDED' ||
            (old !== undefined && old.metadata.generation !== pod.metadata.generation)
          if (specChanged && !pod.spec.nodeName && !pod.metadata.deletionTimestamp)
            this.queue.add(key)
          // A pod leaving a node frees room for the ones waiting.
          const freed =
            type === 'DELETED' ||
            (pod.spec.nodeName && isPodTerminal(pod) && !isPodTerminal(old as Pod))
          if (freed && pod.spec.nodeName) this.retryUnschedulable()
        } else if (object.kind === 'Node') {
          this.retryUnschedulable()
        }
      },
      ['Pod', 'Node'],
    )
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.queue.add(key)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return
    if ((pod.spec.schedulerName ?? 'default-scheduler') !== this.name) return

    const info = podInfo(pod)
    const nodes = this.cache.all()
    const wanted = feasibleNodesToFind(nodes.length)
    const feasible: NodeInfo[] = []
    const failures: FilterResult[] = []
    // Start where the last cycle stopped, so every node gets its turn in a large cluster.
    let processed = 0
    for (; processed < nodes.length && feasible.length < wanted; processed++) {
      const node = nodes[(this.nextStartNodeIndex + processed) % nodes.length]!
      const failure = this.filter(info, node)
      if (failure) failures.push(failure)
      else feasible.push(node)
    }
    this.nextStartNodeIndex =
      nodes.length === 0 ? 0 : (this.nextStartNodeIndex + processed) % nodes.length
    if (feasible.length === 0) {
      this.unschedulable.add(key)
      this.markUnschedulable(pod, fitErrorMessage(nodes.length, failures))
      return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS }
    }
    this.unschedulable.delete(key)
    this.bind(pod, this.pickBest(info, feasible))
  }

  private filter(pod: PodInfo, node: NodeInfo): FilterResult | undefined {
    for (const plugin of filterPlugins) {
      const result = plugin.filter(pod, node)
      if (result) return result
    }
    return undefined
  }

  /** The highest score wins; ties are broken at random, by reservoir sampling as `selectHost` does. */
  private pickBest(pod: PodInfo, feasible: NodeInfo[]): NodeInfo {
    let best = feasible[0]!
    let bestScore = -Infinity
    let ties = 0
    for (const node of feasible) {
      let score = 0
      for (const plugin of scorePlugins) score += plugin.weight * plugin.score(pod, node)
      score = Math.round(score * 1000) / 1000
      if (score > bestScore) {
        bestScore = score
        best = node
        ties = 1
      } else if (score === bestScore && this.ctx.prng.int(++ties) === 0) {
        best = node
      }
    }
    return best
  }

  private bind(pod: Pod, info: NodeInfo): void {
    const nodeName = info.node.metadata.name
    // The binding: a new spec object (the old one may be shared with the template) with the node set.
    const written = this.ctx.store.updateOwned<Pod>({
      ...pod,
      metadata: { ...pod.metadata },
      spec: { ...pod.spec, nodeName },
    })
    const conditions = upsert(written.status?.conditions, {
      type: 'PodScheduled',
      status: 'True',
      lastTransitionTime: toRfc3339(this.ctx.clock.nowMs()),
    })
    this.ctx.store.updateStatus<Pod>({ ...written, status: { ...written.status, conditions } })
    this.ctx.recorder.record(
      written,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      { component: this.name },
    )
  }

  private markUnschedulable(pod: Pod, message: string): void {
    const status = { ...pod.status }
    status.phase ??= 'Pending'
    const existing = status.conditions?.find((c) => c.type === 'PodScheduled')
    if (existing?.status !== 'False' || existing.message !== message) {
      status.conditions = upsert(status.conditions, {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message,
        lastTransitionTime:
          existing?.status === 'False'
            ? existing.lastTransitionTime
            : toRfc3339(this.ctx.clock.nowMs()),
      })
      this.ctx.store.updateStatus<Pod>({
        ...pod,
        metadata: { ...pod.metadata, resourceVersion: undefined },
        status,
      })
    }
    this.ctx.recorder.record(pod, 'Warning', 'FailedScheduling', message, { component: this.name })
  }
}

function upsert(conditions: Condition[] | undefined, condition: Condition): Condition[] {
  return [...(conditions ?? []).filter((c) => c.type !== condition.type), condition]
}
