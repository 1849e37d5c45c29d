import type { Pod } from '../api/core'
import type { Condition } from '../api/meta'
import { isPodTerminal } from '../api/pod-util'
import { toRfc3339 } from '../kernel/time'
import type { Controller, ReconcileResult } from '../runtime/controller'
import { mutable, type ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../store/keys'
import { fitErrorMessage } from './fit-error'
import { NodeInfoCache, type NodeInfo } from './node-info'
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

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.cache = new NodeInfoCache(ctx.store)
    ctx.store.watch(({ type, object, old }) => {
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
    })
  }

  private retryUnschedulable(): void {
    for (const key of this.unschedulable) this.queue.add(key)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return
    if ((pod.spec.schedulerName ?? 'default-scheduler') !== this.name) return

    const nodes = this.cache.all()
    const feasible: NodeInfo[] = []
    const failures: FilterResult[] = []
    for (const info of nodes) {
      const failure = this.filter(pod, info)
      if (failure) failures.push(failure)
      else feasible.push(info)
    }
    if (feasible.length === 0) {
      this.unschedulable.add(key)
      this.markUnschedulable(pod, fitErrorMessage(nodes.length, failures))
      return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS }
    }
    this.unschedulable.delete(key)
    this.bind(pod, this.pickBest(pod, feasible))
  }

  private filter(pod: Pod, info: NodeInfo): FilterResult | undefined {
    for (const plugin of filterPlugins) {
      const result = plugin.filter(pod, info)
      if (result) return result
    }
    return undefined
  }

  private pickBest(pod: Pod, feasible: NodeInfo[]): NodeInfo {
    let best: NodeInfo[] = []
    let bestScore = -Infinity
    for (const info of feasible) {
      let score = 0
      for (const plugin of scorePlugins) score += plugin.weight * plugin.score(pod, info)
      score = Math.round(score * 1000) / 1000
      if (score > bestScore) {
        bestScore = score
        best = [info]
      } else if (score === bestScore) {
        best.push(info)
      }
    }
    return best[this.ctx.prng.int(best.length)]!
  }

  private bind(pod: Pod, info: NodeInfo): void {
    const nodeName = info.node.metadata.name
    const bound = mutable(pod)
    bound.spec.nodeName = nodeName
    const written = this.ctx.store.update(bound)
    const status = mutable(written.status ?? {})
    status.conditions = upsert(status.conditions, {
      type: 'PodScheduled',
      status: 'True',
      lastTransitionTime: toRfc3339(this.ctx.clock.nowMs()),
    })
    this.ctx.store.updateStatus<Pod>({ ...written, status })
    this.ctx.recorder.record(
      written,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      { component: this.name },
    )
  }

  private markUnschedulable(pod: Pod, message: string): void {
    const status = mutable(pod.status ?? {})
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
