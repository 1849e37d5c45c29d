import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import {
  DISRUPTION_ALLOWED_CONDITION,
  SYNC_FAILED_REASON,
  type PodDisruptionBudget,
  type PodDisruptionBudgetStatus,
} from '../../api/policy'
import { toRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { deepEqual } from '../../store/equality'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import type { Selector } from '../../store/labels'
import {
  budgetSelector,
  countHealthy,
  disruptedPodsNow,
  expectedFigures,
  withDisruptionCondition,
} from './status'

/** What the controller knows of one budget: its selector, and the names of the pods it selects. */
interface Budget {
  selector: Selector
  pods: Set<string>
}

/**
 * The disruption controller (`pkg/controller/disruption`): keeps each
 * PodDisruptionBudget's status (healthy, desired and expected pods, the
 * disruptions allowed) up to date for the eviction handler to decide on.
 * The pods each budget selects are kept in an index fed by the watch, so a pod
 * change costs the budgets of its namespace, and a sync the pods of its budget.
 */
export class DisruptionController implements Controller {
  readonly name = 'disruption-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly budgets = new Map<string, Map<string, Budget>>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        if (object.kind === 'PodDisruptionBudget') this.budgetChanged(type, object)
        else this.podChanged(type, object as Pod)
      },
      ['PodDisruptionBudget', 'Pod'],
    )
  }

  private budgetChanged(type: string, object: KubeObject): void {
    const ns = object.metadata.namespace!
    const name = object.metadata.name
    this.queue.add(namespacedName(object))
    let inNamespace = this.budgets.get(ns)
    if (type === 'DELETED') {
      inNamespace?.delete(name)
      if (inNamespace?.size === 0) this.budgets.delete(ns)
      return
    }
    const pdb = object as PodDisruptionBudget
    const existing = inNamespace?.get(name)
    const selector = budgetSelector(pdb)
    if (existing && existing.selector.toString() === selector.toString()) return
    // A new selector is the one time a budget looks at every pod of its namespace.
    const pods = new Set<string>()
    for (const pod of this.ctx.store.list<Pod>('Pod', { namespace: ns }))
      if (selector.matches(pod.metadata.labels)) pods.add(pod.metadata.name)
    if (!inNamespace) this.budgets.set(ns, (inNamespace = new Map()))
    inNamespace.set(name, { selector, pods })
  }

  private podChanged(type: string, pod: Pod): void {
    const inNamespace = this.budgets.get(pod.metadata.namespace!)
    if (!inNamespace) return
    const name = pod.metadata.name
    for (const [budgetName, budget] of inNamespace) {
      const selects = type !== 'DELETED' && budget.selector.matches(pod.metadata.labels)
      const had = budget.pods.has(name)
      if (selects) budget.pods.add(name)
      else budget.pods.delete(name)
      if (selects || had) this.queue.add(`${pod.metadata.namespace}/${budgetName}`)
    }
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const pdb = this.ctx.store.get<PodDisruptionBudget>('PodDisruptionBudget', namespace, name)
    if (!pdb) return
    const pods: Pod[] = []
    for (const podName of this.budgets.get(namespace)?.get(name)?.pods ?? []) {
      const pod = this.ctx.store.get<Pod>('Pod', namespace, podName)
      if (pod) pods.push(pod)
    }
    // Pods come from a set; sorted, the order of the unmanaged pods named in events is stable.
    pods.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    if (pods.length === 0) this.record(pdb, 'Normal', 'NoPods', 'No matching pods found')
    let figures
    try {
      figures = expectedFigures(this.ctx.store, pdb, pods)
    } catch (e) {
      const message = (e as Error).message
      this.record(
        pdb,
        'Warning',
        'CalculateExpectedPodCountFailed',
        `Failed to calculate the number of expected pods: ${message}`,
      )
      this.failSafe(pdb, message)
      return
    }
    if (figures.unmanaged.length > 0)
      this.record(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorText(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      )
    const nowMs = this.ctx.clock.nowMs()
    const { disrupted, recheckAtMs } = disruptedPodsNow(pods, pdb.status?.disruptedPods, nowMs)
    const currentHealthy = countHealthy(pods, disrupted)
    const allowed = currentHealthy - figures.desiredHealthy
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: pdb.metadata.generation,
      disruptedPods: Object.keys(disrupted).length > 0 ? disrupted : undefined,
      disruptionsAllowed: figures.expectedPods <= 0 || allowed <= 0 ? 0 : allowed,
      currentHealthy,
      desiredHealthy: figures.desiredHealthy,
      expectedPods: figures.expectedPods,
    }
    this.write(pdb, withDisruptionCondition(status, pdb.status?.conditions, nowMs))
    if (recheckAtMs !== undefined) return { requeueAfterMs: Math.max(0, recheckAtMs - nowMs) }
  }

  /** `failSafe`: when the figures cannot be worked out, allow no disruption at all. */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const old = pdb.status
    const previous = old?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION)
    const condition = {
      type: DISRUPTION_ALLOWED_CONDITION,
      status: 'False' as const,
      observedGeneration: old?.observedGeneration,
      lastTransitionTime:
        previous?.status === 'False' && previous.lastTransitionTime
          ? previous.lastTransitionTime
          : toRfc3339(this.ctx.clock.nowMs()),
      reason: SYNC_FAILED_REASON,
      message,
    }
    this.write(pdb, {
      currentHealthy: old?.currentHealthy ?? 0,
      desiredHealthy: old?.desiredHealthy ?? 0,
      expectedPods: old?.expectedPods ?? 0,
      ...old,
      disruptionsAllowed: 0,
      conditions: [
        ...(old?.conditions ?? []).filter((c) => c.type !== DISRUPTION_ALLOWED_CONDITION),
        condition,
      ],
    })
  }

  private write(pdb: PodDisruptionBudget, status: PodDisruptionBudgetStatus): void {
    if (deepEqual(dropUndefined(status), dropUndefined(pdb.status))) return
    this.ctx.store.updateStatus<PodDisruptionBudget>({
      ...pdb,
      metadata: { ...pdb.metadata, resourceVersion: undefined },
      status: dropUndefined(status),
    })
  }

  private record(
    pdb: PodDisruptionBudget,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ) {
    this.ctx.recorder.record(pdb, type, reason, message, { component: 'controllermanager' })
  }
}

/** The selector as Go's generated `String()` prints a `*metav1.LabelSelector` in `%v`. */
function selectorText(pdb: PodDisruptionBudget): string {
  const selector = pdb.spec.selector
  if (!selector) return 'nil'
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${selector.matchLabels![k]},`)
    .join('')
  const exprs = (selector.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`,
    )
    .join(',')
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`
}

function dropUndefined<T>(value: T): T {
  if (!value || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v
  return out as T
}
