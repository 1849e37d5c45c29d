import type { Node, PodSpec } from './core'
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from './affinity'

/**
 * Matching a node against a pod's required node affinity, as
 * `component-helpers/scheduling/corev1/nodeaffinity` does: terms are ORed, the
 * requirements of one term ANDed, and a term with no requirements matches nothing.
 */

/** The field a `matchFields` requirement may name. */
export const OBJECT_NAME_FIELD = 'metadata.name'

function requirementMatches(
  req: NodeSelectorRequirement,
  value: string | undefined,
  has: boolean,
): boolean {
  const values = req.values ?? []
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!)
    case 'NotIn':
      return !has || !values.includes(value!)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false
      const left = Number(value)
      const right = Number(values[0])
      if (!Number.isInteger(left) || !Number.isInteger(right)) return false
      return req.operator === 'Gt' ? left > right : left < right
    }
  }
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return false
  const labels = node.metadata.labels ?? {}
  for (const req of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key)
    if (!requirementMatches(req, labels[req.key], has)) return false
  }
  for (const req of fields) {
    if (req.key !== OBJECT_NAME_FIELD) return false
    if (!requirementMatches(req, node.metadata.name, true)) return false
  }
  return true
}

export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  return (selector.nodeSelectorTerms ?? []).some((term) => termMatches(term, node))
}

/** `GetRequiredNodeAffinity(pod).Match(node)`: the nodeSelector map and the required terms. */
export function podFitsNodeAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {}
  for (const key in spec.nodeSelector) if (labels[key] !== spec.nodeSelector[key]) return false
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  return required === undefined || nodeSelectorMatches(required, node)
}
