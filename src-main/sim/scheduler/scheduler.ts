import type { Pod } from '../api/core'
import type { Condition } from '../api/meta'
import { toRfc3339 } from '../kernel/time'
import type { Controller, ReconcileResult } from '../runtime/controller'
import type { ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../store/keys'
import { SchedulerCache } from './cache/cache'
import { nodeEvents, podEvents } from './cluster-events'
import { bindingSpec, podInfo, type SpecInfo } from './pod-info'
import { SchedulingAlgorithm } from './schedule-one'
import { UnschedulablePods } from './unschedulable-pods'
import { VolumePreBind } from './volume-prebind'

/** `podMaxInUnschedulablePodsDuration`: an unschedulable pod is retried at least this often. */
const UNSCHEDULABLE_RETRY_MS = 5 * 60_000

/**
 * kube-scheduler with the default profile: one pod per reconcile, scheduled by
 * `SchedulingAlgorithm` and bound, or left Pending with a `FailedScheduling`
 * event and retried when the cluster changes in a way that may let it fit.
 * A pod created with `spec.nodeName` is never seen here: it goes straight to
 * that node's kubelet.
 */
export class Scheduler implements Controller {
  readonly name = 'default-scheduler'
  readonly runsIn = 'kube-scheduler'
  readonly queue: WorkQueue
  private readonly cache: SchedulerCache
  private readonly algorithm: SchedulingAlgorithm
  private readonly unschedulable = new UnschedulablePods()
  private readonly volumes: VolumePreBind

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.cache = new SchedulerCache(ctx.store)
    this.algorithm = new SchedulingAlgorithm(this.cache, ctx.store, ctx.prng)
    this.volumes = new VolumePreBind(
      ctx.store,
      (key) => this.queue.add(key),
      (events) => this.clusterChanged(events),
    )
    ctx.store.watch(
      (event) => {
        if (event.object.kind === 'Node') return this.clusterChanged(nodeEvents(event))
        const { type, object, old } = event
        const pod = object as Pod
        // Most pod events are status writes of running pods: no key to work out for them.
        if (this.unschedulable.size > 0 && (type === 'DELETED' || pod.spec.nodeName))
          this.unschedulable.forget(namespacedName(pod))
        // Only new pods and spec changes call for a scheduling attempt; status writes (our own included) do not.
        const specChanged =
          type === 'ADDED' ||
          (old !== undefined && old.metadata.generation !== pod.metadata.generation)
        if (specChanged && !pod.spec.nodeName && !pod.metadata.deletionTimestamp)
          this.queue.add(namespacedName(pod))
        if (this.unschedulable.size > 0) this.clusterChanged(podEvents(event))
      },
      ['Pod', 'Node'],
    )
  }

  private clusterChanged(events: number): void {
    this.unschedulable.onEvent(events, this.ctx.clock.nowMs(), (key, delayMs) =>
      this.queue.addAfter(key, delayMs),
    )
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return
    if ((pod.spec.schedulerName ?? 'default-scheduler') !== this.name) return

    // A pod held in PreBind waits for its claims to bind, then goes to the node chosen for it.
    const held = this.volumes.held(pod)
    if (held === 'waiting') return
    if (held !== undefined) return this.bind(pod, held)
    const info = podInfo(pod, key)
    const result = this.algorithm.schedule(info)
    if ('node' in result) {
      this.unschedulable.forget(key)
      if (this.volumes.reserve(pod, result.node.name)) this.bind(pod, result.node.name, info.spec)
      return
    }
    this.unschedulable.failed(key, result.plugins, this.ctx.clock.nowMs())
    this.markUnschedulable(pod, result.message)
    return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS }
  }

  private bind(pod: Pod, nodeName: string, info?: SpecInfo): void {
    // The binding: a new spec object (the old one may be shared with the template) with the node set.
    const conditions = upsert(pod.status?.conditions, {
      type: 'PodScheduled',
      status: 'True',
      lastTransitionTime: toRfc3339(this.ctx.clock.nowMs()),
    })
    // A literal with every field: a spread that also sets fields runs several
    // times slower, and fields assigned onto `{}` past its fourth move into an
    // array of their own, in every later version of the pod too.
    const written = this.ctx.store.bindOwned<Pod>({
      apiVersion: pod.apiVersion,
      kind: pod.kind,
      metadata: { ...pod.metadata },
      spec: bindingSpec(pod.spec, nodeName, info),
      status: Object.assign({}, pod.status, { conditions }),
    })
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
