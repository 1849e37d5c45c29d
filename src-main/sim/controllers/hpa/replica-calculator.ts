/**
 * `GetResourceReplicas` from `pkg/controller/podautoscaler/replica_calculator.go`:
 * how many replicas bring average utilisation to the target, with the same
 * tolerance (10 %) and the same caution about pods without metrics: on a scale-up
 * they count as using nothing, on a scale-down as using their whole target, so
 * the HPA never moves on numbers it does not have.
 */
export const TOLERANCE = 0.1

export interface PodSample {
  /** Millicores requested by the pod's containers (all must request CPU). */
  requestMillis: number
  /** Millicores used, or undefined when the pod has no metrics yet. */
  usageMillis?: number
  ready: boolean
}

export interface ReplicaRecommendation {
  replicas: number
  /** Average utilisation of the pods with metrics, in percent of request. */
  utilization: number
  averageUsageMillis: number
}

export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  pods: readonly PodSample[],
): ReplicaRecommendation | undefined {
  const measured = pods.filter((p) => p.ready && p.usageMillis !== undefined)
  if (measured.length === 0) return undefined
  const unready = pods.filter((p) => !p.ready).length
  const missing = pods.filter((p) => p.ready && p.usageMillis === undefined)
  const usage = measured.reduce((s, p) => s + p.usageMillis!, 0)
  const request = measured.reduce((s, p) => s + p.requestMillis, 0)
  const utilization = Math.round((usage * 100) / request)
  const ratio = (usage * 100) / request / targetUtilization
  const averageUsageMillis = Math.round(usage / measured.length)
  const same = { replicas: currentReplicas, utilization, averageUsageMillis }
  const rebalance = unready > 0 && ratio > 1
  if (!rebalance && missing.length === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return same
    return { replicas: Math.ceil(ratio * measured.length), utilization, averageUsageMillis }
  }
  // Fill in what is unknown so that it pulls against the move: 0 % when scaling up, the target when scaling down.
  let allUsage = usage
  let allRequest = request
  for (const p of missing) {
    allUsage += ratio < 1 ? (p.requestMillis * targetUtilization) / 100 : 0
    allRequest += p.requestMillis
  }
  let counted = measured.length + missing.length
  if (rebalance) {
    for (const p of pods) if (!p.ready) allRequest += p.requestMillis
    counted += unready
  }
  const newRatio = (allUsage * 100) / allRequest / targetUtilization
  if (
    Math.abs(1 - newRatio) <= TOLERANCE ||
    (ratio < 1 && newRatio > 1) ||
    (ratio > 1 && newRatio < 1)
  )
    return same
  const replicas = Math.ceil(newRatio * counted)
  if ((newRatio < 1 && replicas > currentReplicas) || (newRatio > 1 && replicas < currentReplicas))
    return same
  return { replicas, utilization, averageUsageMillis }
}
