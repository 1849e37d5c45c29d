import type { HealthCheck } from './types'
import { field } from './types'

interface Condition {
  type: string
  reason?: string
  message?: string
}

/** gitops-engine's states of an HPA condition that make it Degraded, and Healthy. */
const degraded: readonly [string, string][] = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'FailedGetResourceMetric'],
  ['ScalingActive', 'InvalidSelector'],
]
const healthy: readonly [string, string][] = [
  ['AbleToScale', 'SucceededRescale'],
  ['ScalingLimited', 'DesiredWithinRange'],
  ['ScalingLimited', 'TooFewReplicas'],
  ['ScalingLimited', 'TooManyReplicas'],
]

const matches = (c: Condition, states: readonly [string, string][]): boolean =>
  states.some(([type, reason]) => c.type === type && c.reason === reason)

/**
 * gitops-engine `getHPAHealth`: the first condition that says something wins:
 * Degraded when the autoscaler cannot read its target or its metrics, Healthy
 * when it scaled or is within its range, else Progressing ("Waiting to
 * Autoscale"). autoscaling/v1 keeps its conditions in an annotation.
 */
export const horizontalPodAutoscalerHealth: HealthCheck = (live) => {
  let conditions = field<Condition[]>(live, 'status', 'conditions')
  const annotation = live.metadata.annotations?.['autoscaling.alpha.kubernetes.io/conditions']
  if (!conditions && annotation) {
    try {
      conditions = JSON.parse(annotation) as Condition[]
    } catch {
      conditions = undefined
    }
  }
  for (const c of conditions ?? []) {
    if (matches(c, degraded)) return { status: 'Degraded', message: c.message ?? '' }
    if (matches(c, healthy)) return { status: 'Healthy', message: c.message ?? '' }
  }
  return { status: 'Progressing', message: 'Waiting to Autoscale' }
}
