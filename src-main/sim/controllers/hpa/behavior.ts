import type { HPAScalingPolicy, HPAScalingRules } from '../../api/autoscaling'

/** The defaults of `autoscaling/v2` behavior (`SetDefaults_HorizontalPodAutoscalerBehavior`). */
export const DEFAULT_SCALE_UP: Required<HPAScalingRules> = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
}
export const DEFAULT_SCALE_DOWN: Required<HPAScalingRules> = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
}

export interface TimedRecommendation {
  atMs: number
  replicas: number
}

export interface ScaleEvent {
  atMs: number
  /** Replicas added (positive) or removed (negative). */
  change: number
}

export function withDefaults(
  rules: HPAScalingRules | undefined,
  defaults: Required<HPAScalingRules>,
): Required<HPAScalingRules> {
  return {
    stabilizationWindowSeconds:
      rules?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: rules?.selectPolicy ?? defaults.selectPolicy,
    policies: rules?.policies ?? defaults.policies,
  }
}

/**
 * `normalizeDesiredReplicasWithBehaviors`: stabilise the recommendation over its
 * window (the highest of the last 5 minutes before scaling down, the lowest of
 * the up-window before scaling up), then cap the step by the policies.
 */
export function applyBehavior(
  current: number,
  recommended: number,
  nowMs: number,
  history: readonly TimedRecommendation[],
  events: readonly ScaleEvent[],
  up: Required<HPAScalingRules>,
  down: Required<HPAScalingRules>,
): number {
  const upWindow = history.filter((r) => r.atMs > nowMs - up.stabilizationWindowSeconds * 1000)
  const downWindow = history.filter((r) => r.atMs > nowMs - down.stabilizationWindowSeconds * 1000)
  const upFloor = Math.min(recommended, ...upWindow.map((r) => r.replicas))
  const downCeiling = Math.max(recommended, ...downWindow.map((r) => r.replicas))
  let stabilized = current
  if (upFloor > current) stabilized = upFloor
  else if (downCeiling < current) stabilized = downCeiling
  if (stabilized > current) {
    if (up.selectPolicy === 'Disabled') return current
    return Math.min(stabilized, limit(current, nowMs, events, up, 1))
  }
  if (stabilized < current) {
    if (down.selectPolicy === 'Disabled') return current
    return Math.max(stabilized, limit(current, nowMs, events, down, -1))
  }
  return current
}

/** The furthest the policies allow from `current`, given the changes already made within each policy's period. */
function limit(
  current: number,
  nowMs: number,
  events: readonly ScaleEvent[],
  rules: Required<HPAScalingRules>,
  direction: 1 | -1,
): number {
  const bounds = rules.policies.map((p: HPAScalingPolicy) => {
    const since = nowMs - p.periodSeconds * 1000
    const moved = events
      .filter((e) => e.atMs > since && Math.sign(e.change) === direction)
      .reduce((s, e) => s + Math.abs(e.change), 0)
    const periodStart = current - direction * moved
    if (p.type === 'Pods') return periodStart + direction * p.value
    return direction > 0
      ? Math.ceil(periodStart * (1 + p.value / 100))
      : Math.ceil(periodStart * (1 - p.value / 100))
  })
  // `Max` picks the policy that allows the biggest change, in either direction.
  const biggest = rules.selectPolicy !== 'Min'
  return direction > 0 === biggest ? Math.max(...bounds) : Math.min(...bounds)
}
