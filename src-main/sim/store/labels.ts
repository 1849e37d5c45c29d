import type { LabelSelector } from '../api/meta'
import { parseRequirements } from './label-parse'
import {
  newRequirement,
  requirementMatches,
  SelectorError,
  requirementString,
  type Labels,
  type Requirement,
  type SelectionOperator,
} from './label-requirement'

export {
  type Labels,
  newRequirement,
  requirementMatches,
  SelectorError,
  type Requirement,
  type SelectionOperator,
} from './label-requirement'

/** A compiled selector: an empty selector matches everything, as in `labels.Everything()`. */
export interface Selector {
  matches(labels: Labels): boolean
  readonly empty: boolean
  readonly requirements: readonly Requirement[]
  /** `Selector.String()`: requirements sorted by key, the form `kubectl` prints. */
  toString(): string
}

/** Builds a selector from requirements, sorted by key as `internalSelector.Add` sorts them. */
export function selectorOf(requirements: readonly Requirement[]): Selector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return {
    empty: sorted.length === 0,
    requirements: sorted,
    matches(labels) {
      for (const req of sorted) if (!requirementMatches(req, labels)) return false
      return true
    },
    toString: () => sorted.map(requirementString).join(','),
  }
}

/** `labels.Parse`: the string form `a=b,c!=d,e in (x,y),f notin (z),!g,h`. */
export function parseLabelSelector(text: string): Selector {
  return selectorOf(parseRequirements(text))
}

const structuredOperators: Record<string, SelectionOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
}

/**
 * `metav1.LabelSelectorAsSelector`: matchLabels AND matchExpressions, checked as
 * the API server checks them. An empty selector selects everything.
 */
export function labelSelectorAsSelector(selector: LabelSelector): Selector {
  const requirements: Requirement[] = []
  const matchLabels = selector.matchLabels ?? {}
  for (const key of Object.keys(matchLabels).sort()) {
    requirements.push(newRequirement(key, '=', [String(matchLabels[key])]))
  }
  for (const expr of selector.matchExpressions ?? []) {
    const operator = structuredOperators[expr?.operator as string]
    if (!operator) {
      throw new SelectorError(`"${String(expr?.operator)}" is not a valid label selector operator`)
    }
    requirements.push(newRequirement(String(expr.key), operator, expr.values ?? undefined))
  }
  return selectorOf(requirements)
}

/**
 * Compiles a `metav1.LabelSelector` without refusing anything: what controllers
 * use on objects that were validated on their way in. A requirement that could
 * not be built matches nothing, as an unknown operator does in the API server.
 */
export function selectorFrom(selector: LabelSelector | undefined): Selector {
  if (!selector) return selectorOf([])
  const requirements: Requirement[] = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    requirements.push({ key, operator: '=', values: [value] })
  for (const expr of selector.matchExpressions ?? []) {
    const operator = structuredOperators[expr.operator]
    if (!operator) return nothing
    requirements.push({ key: expr.key, operator, values: expr.values ?? [] })
  }
  return selectorOf(requirements)
}

const nothing: Selector = {
  empty: false,
  requirements: [],
  matches: () => false,
  toString: () => '',
}

/** A selector from a plain map, as a Service's `spec.selector` is. */
export function selectorFromMap(map: Record<string, string> | undefined): Selector {
  return selectorFrom({ matchLabels: map ?? {} })
}

/** True when every label the selector requires is in `labels` (the Deployment template check). */
export function selectorMatchesLabels(
  selector: LabelSelector | undefined,
  labels: Labels,
): boolean {
  const compiled = selectorFrom(selector)
  return !compiled.empty && compiled.matches(labels)
}
