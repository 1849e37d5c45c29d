import type { PodSpec } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import type { StatefulSet } from '../../api/statefulset'
import { deepEqual } from '../../store/equality'
import type { FieldError } from '../../store/validate'
import {
  intOrPercent,
  intOrPercentValue,
  intOrStringValue,
  nonNegative,
  validateSelector,
  type WorkloadChecks,
} from '../../store/workload-checks'

/**
 * `SetDefaults_StatefulSet` (`pkg/apis/apps/v1/defaults.go`, 1.35 feature gates:
 * MaxUnavailableStatefulSet on, so a RollingUpdate gets `maxUnavailable: 1`), and
 * the defaults of the claim templates (`volumeMode: Filesystem`, phase Pending).
 */
export function defaultStatefulSet(
  obj: KubeObject,
  defaultPodSpec: (spec?: PodSpec) => void,
): void {
  const spec = (obj as StatefulSet).spec
  if (!spec || typeof spec !== 'object') return
  spec.podManagementPolicy ||= 'OrderedReady'
  spec.updateStrategy ??= {}
  const strategy = spec.updateStrategy
  if (!strategy.type) {
    strategy.type = 'RollingUpdate'
    strategy.rollingUpdate ??= {}
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
    strategy.rollingUpdate.partition ??= 0
    strategy.rollingUpdate.maxUnavailable ??= 1
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {}
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain'
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain'
  spec.replicas ??= 1
  spec.revisionHistoryLimit ??= 10
  defaultPodSpec(spec.template?.spec)
  for (const claim of spec.volumeClaimTemplates ?? []) {
    // A template without metadata decodes to an empty ObjectMeta, as in the API server.
    claim.metadata ??= { name: '' }
    claim.apiVersion ??= 'v1'
    claim.kind ??= 'PersistentVolumeClaim'
    if (claim.spec) claim.spec.volumeMode ??= 'Filesystem'
    claim.status ??= {}
    claim.status.phase ??= 'Pending'
  }
}

/** `ValidateStatefulSetSpec`, in its order; the pod template's own checks come last. */
export function validateStatefulSet(obj: KubeObject, checks: WorkloadChecks): FieldError[] {
  const spec = (obj as StatefulSet).spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors: FieldError[] = []
  const policy = spec.podManagementPolicy
  if (!policy) errors.push({ field: 'spec.podManagementPolicy', type: 'Required value' })
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errors.push({
      field: 'spec.podManagementPolicy',
      type: 'Invalid value',
      value: policy,
      detail: "must be 'OrderedReady' or 'Parallel'",
    })
  }
  errors.push(...validateUpdateStrategy(spec.updateStrategy))
  for (const when of ['whenDeleted', 'whenScaled'] as const) {
    const value = spec.persistentVolumeClaimRetentionPolicy?.[when]
    if (value !== undefined && value !== 'Retain' && value !== 'Delete') {
      errors.push({
        field: `spec.persistentVolumeClaimRetentionPolicy.${when}`,
        type: 'Unsupported value',
        value,
        detail: 'supported values: "Retain", "Delete"',
      })
    }
  }
  errors.push(...nonNegative(spec.replicas, 'spec.replicas'))
  errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'))
  if (spec.ordinals) errors.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'))
  if (spec.serviceName) errors.push(...checks.dnsLabel(spec.serviceName, 'spec.serviceName'))
  errors.push(...validateSelector(spec, 'statefulset'))
  const restartPolicy = spec.template?.spec?.restartPolicy
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    errors.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: restartPolicy,
      detail: 'supported values: "Always"',
    })
  }
  errors.push(...checks.podSpec(spec.template?.spec, 'spec.template.spec'))
  return errors
}

function validateUpdateStrategy(strategy: StatefulSet['spec']['updateStrategy']): FieldError[] {
  const field = 'spec.updateStrategy'
  if (!strategy?.type) return [{ field, type: 'Required value' }]
  switch (strategy.type) {
    case 'OnDelete':
      return strategy.rollingUpdate
        ? [
            {
              field: `${field}.rollingUpdate`,
              type: 'Invalid value',
              value: strategy.rollingUpdate,
              detail: "only allowed for updateStrategy 'RollingUpdate'",
            },
          ]
        : []
    case 'RollingUpdate': {
      const rolling = strategy.rollingUpdate
      if (!rolling) return []
      const errors = nonNegative(rolling.partition, `${field}.rollingUpdate.partition`)
      const max = rolling.maxUnavailable
      if (max === undefined) return errors
      errors.push(...intOrPercent(max, `${field}.rollingUpdate.maxUnavailable`))
      if (intOrPercentValue(max) === 0) {
        errors.push({
          field: `${field}.rollingUpdate.maxUnavailable`,
          type: 'Invalid value',
          value: intOrStringValue(max),
          detail: 'cannot be 0',
        })
      }
      return errors
    }
    default:
      return [
        {
          field,
          type: 'Invalid value',
          value: strategy.type,
          detail: "must be 'RollingUpdate' or 'OnDelete'",
        },
      ]
  }
}

/**
 * `ValidateStatefulSetUpdate`: past creation only the replicas, ordinals,
 * template, update strategy, claim retention policy and minReadySeconds may
 * change; a new volumeClaimTemplate, say, needs a new StatefulSet.
 */
export function validateStatefulSetUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const fixed = (spec: StatefulSet['spec'] | undefined): Record<string, unknown> => {
    const {
      replicas: _r,
      ordinals: _o,
      template: _t,
      updateStrategy: _u,
      persistentVolumeClaimRetentionPolicy: _p,
      minReadySeconds: _m,
      ...rest
    } = spec ?? ({} as StatefulSet['spec'])
    return rest
  }
  if (deepEqual(fixed((obj as StatefulSet).spec), fixed((old as StatefulSet).spec))) return []
  return [
    {
      field: 'spec',
      type: 'Forbidden',
      detail:
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    },
  ]
}
