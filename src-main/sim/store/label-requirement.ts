import { isLabelKey, isLabelValue } from './name-checks'

/** The requirements of `k8s.io/apimachinery/pkg/labels`: how one is built, checked, matched and printed. */

export type Labels = Readonly<Record<string, string>> | undefined

/** `selection.Operator`, spelled as `labels.Parse` spells them. */
export type SelectionOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt'

/** One `labels.Requirement`: a key, an operator and (sorted, unique) values. */
export interface Requirement {
  readonly key: string
  readonly operator: SelectionOperator
  readonly values: readonly string[]
}

/** A selector the API server would refuse, with its message (`unable to parse requirement: ...`). */
export class SelectorError extends Error {
  override readonly name = 'SelectorError'
}

const has = (labels: Labels, key: string): boolean =>
  labels !== undefined && labels !== null && Object.prototype.hasOwnProperty.call(labels, key)

function integer(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined
}

/** `Requirement.Matches`. */
export function requirementMatches(req: Requirement, labels: Labels): boolean {
  const present = has(labels, req.key)
  const value = present ? labels![req.key]! : ''
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return present && req.values.includes(value)
    case 'notin':
    case '!=':
      return !present || !req.values.includes(value)
    case 'exists':
      return present
    case '!':
      return !present
    case 'gt':
    case 'lt': {
      const left = present ? integer(value) : undefined
      const right = req.values.length === 1 ? integer(req.values[0]!) : undefined
      if (left === undefined || right === undefined) return false
      return req.operator === 'gt' ? left > right : left < right
    }
  }
}

/** `Requirement.String`. */
export function requirementString(req: Requirement): string {
  const values = [...req.values].sort().join(',')
  switch (req.operator) {
    case 'exists':
      return req.key
    case '!':
      return `!${req.key}`
    case 'in':
    case 'notin':
      return `${req.key} ${req.operator} (${values})`
    case 'gt':
      return `${req.key}>${values}`
    case 'lt':
      return `${req.key}<${values}`
    default:
      return `${req.key}${req.operator}${values}`
  }
}

const goStrings = (values: readonly string[] | undefined): string =>
  values === undefined || values === null
    ? '[]string(nil)'
    : `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`

/**
 * `labels.NewRequirement`: validates key, operator and values and returns the
 * requirement, or the aggregated field errors with the paths the API server
 * prints (`key`, `values`, `values[0][key]`).
 */
export function newRequirement(
  key: string,
  operator: SelectionOperator,
  values: readonly string[] | undefined,
): Requirement {
  const errors: string[] = []
  const keyErrors = isLabelKey(key)
  if (keyErrors.length > 0)
    errors.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrors.join('; ')}`)
  const count = values?.length ?? 0
  if ((operator === 'in' || operator === 'notin') && count === 0) {
    errors.push(
      `values: Invalid value: ${goStrings(values)}: for 'in', 'notin' operators, values set can't be empty`,
    )
  } else if ((operator === '=' || operator === '==' || operator === '!=') && count !== 1) {
    errors.push(
      `values: Invalid value: ${goStrings(values)}: exact-match compatibility requires one single value`,
    )
  } else if ((operator === 'exists' || operator === '!') && count !== 0) {
    errors.push(
      `values: Invalid value: ${goStrings(values)}: values set must be empty for exists and does not exist`,
    )
  } else if (operator === 'gt' || operator === 'lt') {
    if (count !== 1) {
      errors.push(
        `values: Invalid value: ${goStrings(values)}: for 'Gt', 'Lt' operators, exactly one value is required`,
      )
    }
    values?.forEach((v, i) => {
      if (integer(v) === undefined) {
        errors.push(
          `values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`,
        )
      }
    })
  }
  values?.forEach((v, i) => {
    const valueErrors = isLabelValue(v)
    if (valueErrors.length > 0) {
      errors.push(
        `values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${valueErrors.join('; ')}`,
      )
    }
  })
  if (errors.length > 0) {
    throw new SelectorError(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`)
  }
  return { key, operator, values: [...(values ?? [])] }
}
