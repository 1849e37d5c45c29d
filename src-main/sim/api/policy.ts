import type { Condition, IntOrString, KubeObject, LabelSelector } from './meta'

/** `policy/v1` PodDisruptionBudget: how many of the pods it selects voluntary disruptions must leave. */
export interface PodDisruptionBudget extends KubeObject {
  spec: {
    minAvailable?: IntOrString
    maxUnavailable?: IntOrString
    selector?: LabelSelector
  }
  status?: PodDisruptionBudgetStatus
}

/** A `metav1.Condition`: unlike the core conditions, it records the generation it was set for. */
export interface PdbCondition extends Condition {
  observedGeneration?: number
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number
  /** Pod name → when the eviction handler let it go; not counted healthy while it is deleted. */
  disruptedPods?: Record<string, string>
  disruptionsAllowed: number
  currentHealthy: number
  desiredHealthy: number
  expectedPods: number
  conditions?: PdbCondition[]
}

export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed'
export const SUFFICIENT_PODS_REASON = 'SufficientPods'
export const INSUFFICIENT_PODS_REASON = 'InsufficientPods'
export const SYNC_FAILED_REASON = 'SyncFailed'
/** `policyv1.DisruptionBudgetCause`: the cause type of an eviction a budget refused. */
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget'
