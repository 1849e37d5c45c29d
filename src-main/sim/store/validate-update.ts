import type { KubeObject, LabelSelector } from '../api/meta'
import { validateCrdUpdate } from './crd-validation'
import { deepEqual } from './equality'
import type { FieldError } from './validate'

/**
 * The checks only an update has: fields that may not change once stored
 * (`ValidateImmutableField`, worded `field is immutable`), printed with the
 * value as Go's `%#v` prints it.
 */

const goStringMap = (map: Record<string, string> | undefined): string =>
  map === undefined
    ? 'map[string]string(nil)'
    : `map[string]string{${Object.keys(map)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`)
        .join(', ')}}`

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` */
export function goLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '(*v1.LabelSelector)(nil)'
  const exprs = selector.matchExpressions
  const goExprs =
    exprs === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${
                e.values === undefined
                  ? '[]string(nil)'
                  : `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}`
              }}`,
          )
          .join(', ')}}`
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${goExprs}}`
}

function immutableSelector(obj: KubeObject, current: KubeObject): FieldError[] {
  const next = (obj.spec as { selector?: LabelSelector } | undefined)?.selector
  const prev = (current.spec as { selector?: LabelSelector } | undefined)?.selector
  if (deepEqual(next, prev)) return []
  return [
    {
      field: 'spec.selector',
      type: 'Invalid value',
      value: { goSyntax: goLabelSelector(next) },
      detail: 'field is immutable',
    },
  ]
}

/** apps/v1 refuses selector changes of Deployments and ReplicaSets (their strategies' `ValidateUpdate`). */
const updateValidators: Partial<
  Record<string, (obj: KubeObject, current: KubeObject) => FieldError[]>
> = {
  Deployment: immutableSelector,
  ReplicaSet: immutableSelector,
  CustomResourceDefinition: validateCrdUpdate,
}

export function validateUpdate(obj: KubeObject, current: KubeObject): FieldError[] {
  return updateValidators[obj.kind]?.(obj, current) ?? []
}
