import type { LabelSelector, LabelSelectorRequirement } from '../api/meta'

export type Labels = Readonly<Record<string, string>> | undefined

/** A compiled selector: an empty selector matches everything, as in `labels.Everything()`. */
export interface Selector {
  matches(labels: Labels): boolean
  readonly empty: boolean
}

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key)
  const value = has ? labels![req.key] : undefined
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value!)
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value!)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
  }
}

/** Compiles a `metav1.LabelSelector` (matchLabels AND matchExpressions). */
export function selectorFrom(selector: LabelSelector | undefined): Selector {
  const pairs = Object.entries(selector?.matchLabels ?? {})
  const exprs = selector?.matchExpressions ?? []
  return {
    empty: pairs.length === 0 && exprs.length === 0,
    matches(labels) {
      for (const [k, v] of pairs) if (labels?.[k] !== v) return false
      for (const req of exprs) if (!requirementMatches(req, labels)) return false
      return true
    },
  }
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
