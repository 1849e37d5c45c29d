import type { Deployment, ReplicaSet } from '../../api/apps'
import type { Pod } from '../../api/core'
import type { StatefulSet } from '../../api/statefulset'
import { controllerRef, isPodReady } from '../../api/pod-util'
import {
  DISRUPTION_ALLOWED_CONDITION,
  INSUFFICIENT_PODS_REASON,
  SUFFICIENT_PODS_REASON,
  type PdbCondition,
  type PodDisruptionBudget,
  type PodDisruptionBudgetStatus,
} from '../../api/policy'
import { fromRfc3339, toRfc3339 } from '../../kernel/time'
import { selectorFrom, type Selector } from '../../store/labels'
import type { ObjectStore } from '../../store/store'
import { scaledValue } from '../deployment/util'

/** `DeletionTimeout`: how long an evicted pod is counted as going before the budget counts it again. */
export const DELETION_TIMEOUT_MS = 2 * 60_000

export interface ExpectedFigures {
  expectedPods: number
  desiredHealthy: number
  /** Pods with no controller: a percentage or maxUnavailable cannot count them. */
  unmanaged: string[]
}

/**
 * `getExpectedScale`: the sum of the scales of the controllers of the pods. A pod
 * of a ReplicaSet a Deployment owns counts the Deployment's replicas. A controller
 * that has no scale (a Job, a DaemonSet) is an error, as upstream.
 */
function expectedScale(
  store: ObjectStore,
  pods: readonly Pod[],
): { expected: number; unmanaged: string[] } {
  const scales = new Map<string, number>()
  const unmanaged: string[] = []
  for (const pod of pods) {
    const ref = controllerRef(pod)
    if (!ref) {
      unmanaged.push(pod.metadata.name)
      continue
    }
    if (scales.has(ref.uid)) continue
    const found = scaleOf(store, pod.metadata.namespace!, ref.kind, ref.name, ref.uid)
    if (!found) throw new Error(`found no controllers for pod "${pod.metadata.name}"`)
    scales.set(found.uid, found.scale)
  }
  let expected = 0
  for (const scale of scales.values()) expected += scale
  return { expected, unmanaged }
}

function scaleOf(
  store: ObjectStore,
  namespace: string,
  kind: string,
  name: string,
  uid: string,
): { uid: string; scale: number } | undefined {
  if (kind === 'ReplicaSet') {
    const rs = store.get<ReplicaSet>('ReplicaSet', namespace, name)
    if (rs?.metadata.uid !== uid) return undefined
    const owner = controllerRef(rs)
    if (owner?.kind === 'Deployment') {
      const d = store.get<Deployment>('Deployment', namespace, owner.name)
      if (d?.metadata.uid === owner.uid) return { uid: owner.uid, scale: d.spec.replicas ?? 1 }
    }
    return { uid, scale: rs.spec.replicas ?? 1 }
  }
  if (kind === 'StatefulSet') {
    const sts = store.get<StatefulSet>('StatefulSet', namespace, name)
    return sts?.metadata.uid === uid ? { uid, scale: sts.spec.replicas ?? 1 } : undefined
  }
  return undefined
}

/** `getExpectedPodCount`: a whole minAvailable counts the pods there are; anything else the controllers' scale. */
export function expectedFigures(
  store: ObjectStore,
  pdb: PodDisruptionBudget,
  pods: readonly Pod[],
): ExpectedFigures {
  const { minAvailable, maxUnavailable } = pdb.spec
  if (maxUnavailable !== undefined) {
    const { expected, unmanaged } = expectedScale(store, pods)
    const desired = Math.max(0, expected - scaledValue(maxUnavailable, expected, true))
    return { expectedPods: expected, desiredHealthy: desired, unmanaged }
  }
  if (typeof minAvailable === 'number')
    return { expectedPods: pods.length, desiredHealthy: minAvailable, unmanaged: [] }
  if (minAvailable !== undefined) {
    const { expected, unmanaged } = expectedScale(store, pods)
    return {
      expectedPods: expected,
      desiredHealthy: scaledValue(minAvailable, expected, true),
      unmanaged,
    }
  }
  return { expectedPods: 0, desiredHealthy: 0, unmanaged: [] }
}

/**
 * `buildDisruptedPodMap`: keeps the evictions still expected to complete, and says
 * when the oldest of them times out so the budget is looked at again then.
 */
export function disruptedPodsNow(
  pods: readonly Pod[],
  previous: Record<string, string> | undefined,
  nowMs: number,
): { disrupted: Record<string, string>; recheckAtMs?: number } {
  const disrupted: Record<string, string> = {}
  let recheckAtMs: number | undefined
  if (!previous) return { disrupted }
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    const at = previous[pod.metadata.name]
    if (at === undefined) continue
    const expectedDeletion = fromRfc3339(at) + DELETION_TIMEOUT_MS
    if (expectedDeletion < nowMs) continue
    recheckAtMs = Math.min(recheckAtMs ?? expectedDeletion, expectedDeletion)
    disrupted[pod.metadata.name] = at
  }
  return { disrupted, recheckAtMs }
}

/** `countHealthyPods`: ready pods, neither being deleted nor about to be. */
export function countHealthy(pods: readonly Pod[], disrupted: Record<string, string>): number {
  let healthy = 0
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || disrupted[pod.metadata.name] !== undefined) continue
    if (isPodReady(pod)) healthy++
  }
  return healthy
}

/**
 * `UpdateDisruptionAllowedCondition` with `meta.SetStatusCondition`: the
 * transition time moves only when the status does.
 */
export function withDisruptionCondition(
  status: PodDisruptionBudgetStatus,
  previous: readonly PdbCondition[] | undefined,
  nowMs: number,
): PodDisruptionBudgetStatus {
  const allowed = status.disruptionsAllowed > 0
  const old = previous?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION)
  const value = allowed ? 'True' : 'False'
  const condition: PdbCondition = {
    type: DISRUPTION_ALLOWED_CONDITION,
    status: value,
    observedGeneration: status.observedGeneration,
    lastTransitionTime:
      old && old.status === value && old.lastTransitionTime
        ? old.lastTransitionTime
        : toRfc3339(nowMs),
    reason: allowed ? SUFFICIENT_PODS_REASON : INSUFFICIENT_PODS_REASON,
    message: '',
  }
  const others = (previous ?? []).filter((c) => c.type !== DISRUPTION_ALLOWED_CONDITION)
  return { ...status, conditions: [...others, condition] }
}

/** policy/v1: a budget without a selector selects no pod; an empty one every pod of its namespace. */
export function budgetSelector(pdb: PodDisruptionBudget): Selector {
  return pdb.spec.selector ? selectorFrom(pdb.spec.selector) : NOTHING
}

const NOTHING: Selector = {
  empty: false,
  requirements: [],
  matches: () => false,
  toString: () => '<none>',
}
