import type { LabelSelector } from '../api/meta'

export type Labels = Readonly<Record<string, string>> | undefined

type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'

export interface LabelRequirement {
  readonly key: string
  readonly operator: Operator
  readonly values: readonly string[]
}

/**
 * A label selector compiled once per pod (or per term), with what the scheduler's
 * indexes need: the `key=value` pairs every matching pod carries, to look pods up
 * by, and a canonical text, to share counters between pods with equal selectors.
 */
export interface CompiledSelector {
  matches(labels: Labels): boolean
  /** `labels.Nothing()`: an unset selector selects no pods. */
  readonly nothing: boolean
  /** `labels.Everything()`: `{}` selects every pod. */
  readonly everything: boolean
  readonly equalities: readonly (readonly [string, string])[]
  readonly requirements: readonly LabelRequirement[]
  readonly key: string
}

export const NOTHING: CompiledSelector = {
  matches: () => false,
  nothing: true,
  everything: false,
  equalities: [],
  requirements: [],
  key: '<nothing>',
}

function has(labels: Labels, key: string): boolean {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key)
}

function requirementMatches(req: LabelRequirement, labels: Labels): boolean {
  switch (req.operator) {
    case 'In':
      return has(labels, req.key) && req.values.includes(labels![req.key]!)
    case 'NotIn':
      return !has(labels, req.key) || !req.values.includes(labels![req.key]!)
    case 'Exists':
      return has(labels, req.key)
    case 'DoesNotExist':
      return !has(labels, req.key)
  }
}

/** A selector from requirements (ANDed), sorted by key as `labels.Selector` keeps them. */
export function selectorOfRequirements(
  requirements: readonly LabelRequirement[],
): CompiledSelector {
  const sorted = [...requirements].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.operator < b.operator ? -1 : 1,
  )
  const equalities: [string, string][] = []
  for (const r of sorted)
    if (r.operator === 'In' && r.values.length === 1) equalities.push([r.key, r.values[0]!])
  const key = sorted.map((r) => `${r.key} ${r.operator} ${r.values.join(',')}`).join(';')
  // Most selectors are a few `key=value` pairs: match those without the general loop.
  const onlyEqualities = equalities.length === sorted.length
  return {
    matches: onlyEqualities
      ? (labels) => {
          for (const [k, v] of equalities) if (labels?.[k] !== v) return false
          return true
        }
      : (labels) => {
          for (const r of sorted) if (!requirementMatches(r, labels)) return false
          return true
        },
    nothing: false,
    everything: sorted.length === 0,
    equalities,
    requirements: sorted,
    key,
  }
}

export function requirementsOf(selector: LabelSelector): LabelRequirement[] {
  const reqs: LabelRequirement[] = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    reqs.push({ key, operator: 'In', values: [value] })
  for (const e of selector.matchExpressions ?? [])
    reqs.push({ key: e.key, operator: e.operator, values: e.values ?? [] })
  return reqs
}

/** `metav1.LabelSelectorAsSelector`: unset selects nothing, `{}` everything. */
export function compileSelector(selector: LabelSelector | undefined | null): CompiledSelector {
  if (!selector) return NOTHING
  return selectorOfRequirements(requirementsOf(selector))
}

const compiled = new WeakMap<LabelSelector, CompiledSelector>()

/** `compileSelector`, once per selector object (replicas share their template's). */
export function compileSelectorCached(selector: LabelSelector | undefined): CompiledSelector {
  if (!selector) return NOTHING
  let out = compiled.get(selector)
  if (!out) compiled.set(selector, (out = compileSelector(selector)))
  return out
}

/** Both selectors at once (`labels.Selector.Add`). */
export function selectorAnd(a: CompiledSelector, b: CompiledSelector): CompiledSelector {
  if (a.nothing || b.nothing) return NOTHING
  return selectorOfRequirements([...a.requirements, ...b.requirements])
}
