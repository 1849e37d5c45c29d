import type { HorizontalPodAutoscaler } from '../../api/autoscaling'
import type { Pod } from '../../api/core'
import type { Condition, KubeObject, LabelSelector } from '../../api/meta'
import { cpuMillis } from '../../api/quantity'
import { isPodReady } from '../../api/pod-util'
import { toRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { selectorFrom } from '../../store/labels'
import {
  applyBehavior,
  DEFAULT_SCALE_DOWN,
  DEFAULT_SCALE_UP,
  withDefaults,
  type ScaleEvent,
  type TimedRecommendation,
} from './behavior'
import type { MetricsSource } from '../../runtime/metrics'
import { resourceReplicas, type PodSample } from './replica-calculator'

/** `--horizontal-pod-autoscaler-sync-period`. */
export const SYNC_PERIOD_MS = 15_000

type Scalable = KubeObject & { spec: { replicas?: number; selector?: LabelSelector } }

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet'])

/**
 * The horizontal pod autoscaler (`pkg/controller/podautoscaler`), for CPU
 * utilisation targets: every 15 s it reads the pods' usage, recommends a replica
 * count, stabilises it over the behaviour's windows and writes the target's scale.
 */
export class HorizontalPodAutoscalerController implements Controller {
  readonly name = 'horizontal-pod-autoscaler'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly recommendations = new Map<string, TimedRecommendation[]>()
  private readonly scaleEvents = new Map<string, ScaleEvent[]>()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly metrics: MetricsSource,
  ) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        const key = namespacedName(object)
        if (type === 'DELETED') {
          this.recommendations.delete(key)
          this.scaleEvents.delete(key)
        }
        this.queue.add(key)
      },
      ['HorizontalPodAutoscaler'],
    )
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const hpa = this.ctx.store.get<HorizontalPodAutoscaler>(
      'HorizontalPodAutoscaler',
      namespace,
      name,
    )
    if (!hpa) return
    const nowMs = this.ctx.clock.nowMs()
    const ref = hpa.spec.scaleTargetRef
    const target = SCALABLE.has(ref.kind)
      ? this.ctx.store.get<Scalable>(ref.kind, namespace, ref.name)
      : undefined
    if (!target) {
      const message = `the HPA controller was unable to get the target's current scale: ${plural(ref.kind)} "${ref.name}" not found`
      this.ctx.recorder.record(
        hpa,
        'Warning',
        'FailedGetScale',
        `${plural(ref.kind)} "${ref.name}" not found`,
        { component: this.name },
      )
      this.write(
        hpa,
        hpa.status?.currentReplicas ?? 0,
        hpa.status?.desiredReplicas ?? 0,
        undefined,
        [cond('AbleToScale', 'False', 'FailedGetScale', message)],
      )
      return { requeueAfterMs: SYNC_PERIOD_MS }
    }
    const current = target.spec.replicas ?? 1
    const min = hpa.spec.minReplicas ?? 1
    const max = hpa.spec.maxReplicas
    if (current === 0 && min !== 0) {
      // Scaled to zero by hand: autoscaling is off until someone scales it up again.
      this.write(hpa, 0, 0, undefined, [
        cond(
          'AbleToScale',
          'True',
          'SucceededGetScale',
          "the HPA controller was able to get the target's current scale",
        ),
        cond(
          'ScalingActive',
          'False',
          'ScalingDisabled',
          'scaling is disabled since the replica count of the target is zero',
        ),
      ])
      return { requeueAfterMs: SYNC_PERIOD_MS }
    }
    const cpuMetric = (hpa.spec.metrics ?? []).find(
      (m) => m.type === 'Resource' && m.resource?.name === 'cpu',
    )
    const targetUtilization =
      cpuMetric?.resource?.target.averageUtilization ?? (hpa.spec.metrics ? undefined : 80)
    const samples = this.samples(namespace, target)
    let recommended = current
    let metricStatus: { averageUtilization: number; averageValue: string } | undefined
    let active: Condition
    if (targetUtilization === undefined) {
      active = cond(
        'ScalingActive',
        'False',
        'FailedGetResourceMetric',
        'the HPA was unable to compute the replica count: only CPU utilization targets are simulated',
      )
    } else if ('error' in samples) {
      active = cond(
        'ScalingActive',
        'False',
        'FailedGetResourceMetric',
        `the HPA was unable to compute the replica count: failed to get cpu utilization: ${samples.error}`,
      )
      this.ctx.recorder.record(
        hpa,
        'Warning',
        'FailedGetResourceMetric',
        `failed to get cpu utilization: ${samples.error}`,
        { component: this.name },
      )
    } else {
      const result = resourceReplicas(current, targetUtilization, samples.pods)
      if (!result) {
        const error =
          'unable to get metrics for resource cpu: no metrics returned from resource metrics API'
        active = cond(
          'ScalingActive',
          'False',
          'FailedGetResourceMetric',
          `the HPA was unable to compute the replica count: failed to get cpu utilization: ${error}`,
        )
        this.ctx.recorder.record(
          hpa,
          'Warning',
          'FailedGetResourceMetric',
          `failed to get cpu utilization: ${error}`,
          { component: this.name },
        )
      } else {
        recommended = result.replicas
        metricStatus = {
          averageUtilization: result.utilization,
          averageValue: `${result.averageUsageMillis}m`,
        }
        active = cond(
          'ScalingActive',
          'True',
          'ValidMetricFound',
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        )
      }
    }
    // `recordInitialRecommendation`: a new HPA remembers the current size, so it too waits out the window before scaling down.
    const history = (this.recommendations.get(key) ?? [{ atMs: nowMs, replicas: current }]).filter(
      (r) => r.atMs > nowMs - 600_000,
    )
    const events = (this.scaleEvents.get(key) ?? []).filter((e) => e.atMs > nowMs - 600_000)
    const behaviour = hpa.spec.behavior
    let desired = applyBehavior(
      current,
      recommended,
      nowMs,
      history,
      events,
      withDefaults(behaviour?.scaleUp, DEFAULT_SCALE_UP),
      withDefaults(behaviour?.scaleDown, DEFAULT_SCALE_DOWN),
    )
    history.push({ atMs: nowMs, replicas: recommended })
    this.recommendations.set(key, history)
    let limited = cond(
      'ScalingLimited',
      'False',
      'DesiredWithinRange',
      'the desired count is within the acceptable range',
    )
    if (desired > max) {
      desired = max
      limited = cond(
        'ScalingLimited',
        'True',
        'TooManyReplicas',
        'the desired replica count is more than the maximum replica count',
      )
    } else if (desired < min) {
      desired = min
      limited = cond(
        'ScalingLimited',
        'True',
        'TooFewReplicas',
        'the desired replica count is less than the minimum replica count',
      )
    }
    let able = cond(
      'AbleToScale',
      'True',
      'ReadyForNewScale',
      'recommended size matches current size',
    )
    let lastScaleTime = hpa.status?.lastScaleTime
    if (desired !== current) {
      this.ctx.store.update<Scalable>({ ...target, spec: { ...target.spec, replicas: desired } })
      const why =
        desired > current
          ? 'cpu resource utilization (percentage of request) above target'
          : 'All metrics below target'
      this.ctx.recorder.record(
        hpa,
        'Normal',
        'SuccessfulRescale',
        `New size: ${desired}; reason: ${why}`,
        { component: this.name },
      )
      events.push({ atMs: nowMs, change: desired - current })
      able = cond(
        'AbleToScale',
        'True',
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      )
      lastScaleTime = toRfc3339(nowMs)
    } else if (recommended !== current && desired === current && recommended < current) {
      able = cond(
        'AbleToScale',
        'True',
        'ScaleDownStabilized',
        'recent recommendations were higher than current one, applying the highest recent recommendation',
      )
    }
    this.scaleEvents.set(key, events)
    this.write(hpa, current, desired, metricStatus, [able, active, limited], lastScaleTime)
    return { requeueAfterMs: SYNC_PERIOD_MS }
  }

  /** The pods the target selects, with their CPU requests and usage; an error when a container requests no CPU. */
  private samples(namespace: string, target: Scalable): { pods: PodSample[] } | { error: string } {
    const selector = selectorFrom(target.spec.selector)
    const pods: PodSample[] = []
    for (const pod of this.ctx.store.list<Pod>('Pod', { namespace })) {
      if (
        !selector.matches(pod.metadata.labels) ||
        pod.metadata.deletionTimestamp ||
        pod.status?.phase === 'Failed' ||
        pod.status?.phase === 'Succeeded'
      )
        continue
      let requestMillis = 0
      for (const c of pod.spec.containers) {
        const request = c.resources?.requests?.cpu
        if (request === undefined)
          return {
            error: `missing request for cpu in container ${c.name} of Pod ${pod.metadata.name}`,
          }
        requestMillis += cpuMillis(request)
      }
      const usage = this.metrics.podMetrics(namespace, pod.metadata.name)
      pods.push({
        requestMillis,
        usageMillis:
          usage && usage.length > 0 ? usage.reduce((s, c) => s + c.cpuMillis, 0) : undefined,
        ready: isPodReady(pod),
      })
    }
    return { pods }
  }

  private write(
    hpa: HorizontalPodAutoscaler,
    current: number,
    desired: number,
    metric: { averageUtilization: number; averageValue: string } | undefined,
    conditions: Condition[],
    lastScaleTime = hpa.status?.lastScaleTime,
  ): void {
    const nowText = toRfc3339(this.ctx.clock.nowMs())
    const before = hpa.status?.conditions ?? []
    const stamped = conditions.map((c) => {
      const old = before.find((b) => b.type === c.type)
      return {
        ...c,
        lastTransitionTime: old?.status === c.status ? old.lastTransitionTime : nowText,
      }
    })
    this.ctx.store.updateStatus<HorizontalPodAutoscaler>({
      ...hpa,
      metadata: { ...hpa.metadata, resourceVersion: undefined },
      status: {
        observedGeneration: hpa.metadata.generation,
        ...(lastScaleTime ? { lastScaleTime } : {}),
        currentReplicas: current,
        desiredReplicas: desired,
        ...(metric
          ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: metric } }] }
          : {}),
        conditions: stamped,
      },
    })
  }
}

function cond(type: string, status: 'True' | 'False', reason: string, message: string): Condition {
  return { type, status, reason, message }
}

function plural(kind: string): string {
  return `${kind.toLowerCase()}s.apps`
}
