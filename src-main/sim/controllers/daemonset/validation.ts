import type { PodSpec } from '../../api/core'
import type { DaemonSet } from '../../api/daemonset'
import type { KubeObject } from '../../api/meta'
import type { FieldError } from '../../store/validate'
import {
  intOrPercent,
  intOrPercentValue,
  intOrStringValue,
  nonNegative,
  validateSelector,
  type WorkloadChecks,
} from '../../store/workload-checks'

/** `SetDefaults_DaemonSet`: RollingUpdate, one unavailable at a time, no surge, ten revisions kept. */
export function defaultDaemonSet(obj: KubeObject, defaultPodSpec: (spec?: PodSpec) => void): void {
  const spec = (obj as DaemonSet).spec
  if (!spec || typeof spec !== 'object') return
  spec.updateStrategy ??= {}
  const strategy = spec.updateStrategy
  strategy.type ||= 'RollingUpdate'
  if (strategy.type === 'RollingUpdate') {
    strategy.rollingUpdate ??= {}
    strategy.rollingUpdate.maxUnavailable ??= 1
    strategy.rollingUpdate.maxSurge ??= 0
  }
  spec.revisionHistoryLimit ??= 10
  defaultPodSpec(spec.template?.spec)
}

/** `ValidateDaemonSetSpec`, in its order. */
export function validateDaemonSet(obj: KubeObject, checks: WorkloadChecks): FieldError[] {
  const spec = (obj as DaemonSet).spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors = validateSelector(spec, 'daemonset')
  errors.push(...checks.podSpec(spec.template?.spec, 'spec.template.spec'))
  const restartPolicy = spec.template?.spec?.restartPolicy
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    errors.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: restartPolicy,
      detail: 'supported values: "Always"',
    })
  }
  errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'))
  errors.push(...validateUpdateStrategy(spec.updateStrategy))
  errors.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'))
  return errors
}

/** `ValidateDaemonSetUpdateStrategy` and `ValidateRollingUpdateDaemonSet`. */
function validateUpdateStrategy(strategy: DaemonSet['spec']['updateStrategy']): FieldError[] {
  const field = 'spec.updateStrategy'
  if (strategy?.type === 'OnDelete') return []
  if (strategy?.type !== 'RollingUpdate') {
    return [
      {
        field,
        type: 'Unsupported value',
        value: strategy ?? {},
        detail: 'supported values: "RollingUpdate", "OnDelete"',
      },
    ]
  }
  const rolling = strategy.rollingUpdate
  if (!rolling) return [{ field: `${field}.rollingUpdate`, type: 'Required value' }]
  const at = `${field}.rollingUpdate`
  const errors = [
    ...intOrPercent(rolling.maxUnavailable, `${at}.maxUnavailable`),
    ...intOrPercent(rolling.maxSurge, `${at}.maxSurge`),
  ]
  const hasUnavailable = intOrPercentValue(rolling.maxUnavailable) !== 0
  const hasSurge = intOrPercentValue(rolling.maxSurge) !== 0
  if (hasUnavailable && hasSurge) {
    errors.push({
      field: `${at}.maxSurge`,
      type: 'Invalid value',
      value: intOrStringValue(rolling.maxSurge!),
      detail: 'may not be set when maxUnavailable is non-zero',
    })
  } else if (!hasUnavailable && !hasSurge) {
    errors.push({
      field: `${at}.maxUnavailable`,
      type: 'Required value',
      detail: 'cannot be 0 when maxSurge is 0',
    })
  }
  return errors
}
