import type { HorizontalPodAutoscaler, MetricSpec, MetricTarget } from '../../api/autoscaling'
import type { KubeObject } from '../../api/meta'
import type { FieldError } from '../../store/validate'

/**
 * `SetDefaults_HorizontalPodAutoscaler` (autoscaling/v2): one replica at least,
 * and 80 % CPU when no metric is given; an `autoscaling/v1` object's
 * `targetCPUUtilizationPercentage` becomes the equivalent v2 metric.
 */
export function defaultHpa(obj: KubeObject): void {
  const hpa = obj as HorizontalPodAutoscaler
  if (!hpa.spec || typeof hpa.spec !== 'object') return
  const spec = hpa.spec as HorizontalPodAutoscaler['spec'] & {
    targetCPUUtilizationPercentage?: number
  }
  spec.minReplicas ??= 1
  if (spec.targetCPUUtilizationPercentage !== undefined) {
    spec.metrics ??= [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage },
        },
      },
    ]
    delete spec.targetCPUUtilizationPercentage
  }
  spec.metrics ??= [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
    },
  ]
}

/** `ValidateHorizontalPodAutoscalerSpec`, the checks a learner meets. */
export function validateHpa(obj: KubeObject): FieldError[] {
  const spec = (obj as HorizontalPodAutoscaler).spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors: FieldError[] = []
  const min = spec.minReplicas ?? 1
  if (!Number.isInteger(min) || min < 0)
    errors.push({
      field: 'spec.minReplicas',
      type: 'Invalid value',
      value: min,
      detail: 'must be greater than or equal to 0',
    })
  if (!Number.isInteger(spec.maxReplicas) || spec.maxReplicas < 1) {
    errors.push({
      field: 'spec.maxReplicas',
      type: 'Invalid value',
      value: spec.maxReplicas,
      detail: 'must be greater than 0',
    })
  } else if (spec.maxReplicas < min) {
    errors.push({
      field: 'spec.maxReplicas',
      type: 'Invalid value',
      value: spec.maxReplicas,
      detail: 'must be greater than or equal to `minReplicas`',
    })
  }
  errors.push(...validateCrossVersionObjectReference(spec.scaleTargetRef))
  ;(spec.metrics ?? []).forEach((m, i) => {
    if (m.type === 'Resource' && m.resource)
      errors.push(...validateResourceSource(m.resource, `spec.metrics[${i}].resource`))
  })
  return errors
}

/** `ValidateCrossVersionObjectReference`: the kind and name become a path segment of the scale request. */
function validateCrossVersionObjectReference(
  ref: HorizontalPodAutoscaler['spec']['scaleTargetRef'] | undefined,
): FieldError[] {
  const errors: FieldError[] = []
  for (const key of ['kind', 'name'] as const) {
    const field = `spec.scaleTargetRef.${key}`
    const value = ref?.[key]
    if (!value) errors.push({ field, type: 'Required value' })
    else
      for (const detail of pathSegmentNameProblems(value))
        errors.push({ field, type: 'Invalid value', value, detail })
  }
  return errors
}

/** `path.IsValidPathSegmentName`. */
function pathSegmentNameProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`]
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`)
}

const TARGET_TYPES = ['Utilization', 'Value', 'AverageValue']

/**
 * `validateResourceSource` and `validateMetricTarget`: the target is a struct,
 * so one left out is an empty one, without a type or a figure.
 */
function validateResourceSource(
  source: NonNullable<MetricSpec['resource']>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = []
  if (!source.name)
    errors.push({
      field: `${path}.name`,
      type: 'Required value',
      detail: 'must specify a resource name',
    })
  const target: Partial<MetricTarget> = source.target ?? {}
  const at = `${path}.target`
  if (!target.type)
    errors.push({
      field: `${at}.type`,
      type: 'Required value',
      detail: 'must specify a metric target type',
    })
  if (!TARGET_TYPES.includes(target.type ?? ''))
    errors.push({
      field: `${at}.type`,
      type: 'Invalid value',
      value: target.type ?? '',
      detail: 'must be either Utilization, Value, or AverageValue',
    })
  const u = target.averageUtilization
  if (u !== undefined && u < 1)
    errors.push({
      field: `${at}.averageUtilization`,
      type: 'Invalid value',
      value: u,
      detail: 'must be greater than 0',
    })
  if (u === undefined && target.averageValue === undefined)
    errors.push({
      field: `${at}.averageUtilization`,
      type: 'Required value',
      detail: 'must set either a target raw value or a target utilization',
    })
  if (u !== undefined && target.averageValue !== undefined)
    errors.push({
      field: `${at}.averageValue`,
      type: 'Forbidden',
      detail: 'may not set both a target raw value and a target utilization',
    })
  return errors
}
