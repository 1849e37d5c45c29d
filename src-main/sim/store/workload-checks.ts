import type { PodSpec } from '../api/core'
import type { IntOrString, LabelSelector } from '../api/meta'
import { selectorFrom } from './labels'
import type { FieldError, GoSyntax } from './validate'

/**
 * Checks the StatefulSet and DaemonSet validators borrow from `validate.ts`,
 * handed to them by its validator table so the modules import each other one way only.
 */
export interface WorkloadChecks {
  podSpec(spec: PodSpec | undefined, path: string): FieldError[]
  dnsLabel(value: string, field: string): FieldError[]
}

export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0
    ? [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }]
    : []
}

const PERCENT = /^[0-9]+%$/

/** An `intstr.IntOrString` in an error prints through its `String()`: `25%`, unquoted. */
export function intOrStringValue(value: IntOrString): GoSyntax {
  return { goSyntax: String(value) }
}

/** `ValidatePositiveIntOrPercent`: a non-negative number, or a percent string. */
export function positiveIntOrPercent(value: IntOrString | undefined, field: string): FieldError[] {
  if (value === undefined) return []
  if (typeof value === 'number') return nonNegative(value, field)
  if (PERCENT.test(value)) return []
  return [
    {
      field,
      type: 'Invalid value',
      value: intOrStringValue(value),
      detail:
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    },
  ]
}

/** `IsNotMoreThan100Percent`: only a valid percent string can be too much. */
export function notMoreThan100Percent(value: IntOrString | undefined, field: string): FieldError[] {
  if (typeof value !== 'string' || !PERCENT.test(value) || Number(value.slice(0, -1)) <= 100)
    return []
  return [
    {
      field,
      type: 'Invalid value',
      value: intOrStringValue(value),
      detail: 'must not be greater than 100%',
    },
  ]
}

/** `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent`. */
export function intOrPercent(value: IntOrString | undefined, field: string): FieldError[] {
  const format = positiveIntOrPercent(value, field)
  return format.length > 0 ? format : notMoreThan100Percent(value, field)
}

/** `getIntOrPercentValue`: a percent's number, or `IntValue()`, whose `strconv.Atoi` makes anything else 0. */
export function intOrPercentValue(value: IntOrString | undefined): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  if (PERCENT.test(value)) return Number(value.slice(0, -1))
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0
}

/** The selector checks StatefulSets and DaemonSets share, worded with the kind. */
export function validateSelector(
  spec: { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> } } },
  kind: 'statefulset' | 'daemonset',
): FieldError[] {
  const labels = spec.template?.metadata?.labels
  const mismatch: FieldError = {
    field: 'spec.template.metadata.labels',
    type: 'Invalid value',
    value: labels ?? {},
    detail: '`selector` does not match template `labels`',
  }
  // A DaemonSet's missing selector selects nothing, so it cannot match its template.
  if (!spec.selector)
    return kind === 'statefulset'
      ? [{ field: 'spec.selector', type: 'Required value' }]
      : [mismatch]
  const selector = selectorFrom(spec.selector)
  if (selector.empty) {
    return [
      {
        field: 'spec.selector',
        type: 'Invalid value',
        value: spec.selector,
        detail: `empty selector is invalid for ${kind}`,
      },
    ]
  }
  return selector.matches(labels) ? [] : [mismatch]
}
