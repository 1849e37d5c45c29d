import type { NodeSelectorTerm } from '../../api/affinity'
import type { PodSpec } from '../../api/core'
import {
  OBJECT_NAME_FIELD,
  nodeSelectorMatches,
  podFitsNodeAffinity,
} from '../../api/node-affinity'
import {
  type FilterPlugin,
  type PreFilterResult,
  type ScorePlugin,
  type Status,
  eachNode,
} from '../framework'
import { defaultNormalizeScore } from './normalize'

const NOT_MATCHING: Status = {
  plugin: 'NodeAffinity',
  reasons: ["node(s) didn't match Pod's node affinity/selector"],
  unresolvable: true,
}

const CONFLICT: Status = {
  plugin: 'NodeAffinity',
  reasons: ['pod affinity terms conflict'],
  unresolvable: true,
}

/**
 * The nodes a pod is pinned to by `metadata.name` (a daemon pod): each term's
 * `In` requirements on the name intersect, the terms union. Undefined when some
 * term leaves the name free; empty when every term contradicts itself.
 */
export function pinnedNodeNames(spec: PodSpec): Set<string> | undefined {
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (!terms?.length) return undefined
  const names = new Set<string>()
  for (const term of terms) {
    let termNames: Set<string> | undefined
    for (const r of term.matchFields ?? []) {
      if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue
      const values = new Set(r.values ?? [])
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values
    }
    if (!termNames) return undefined
    for (const n of termNames) names.add(n)
  }
  return names
}

/**
 * `NodeAffinity` Filter: the `nodeSelector` and the required node affinity
 * (terms ORed, expressions and `metadata.name` fields ANDed within a term). Its
 * PreFilter narrows a pinned pod to its nodes.
 */
export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter({ pod }) {
    if (!pod.spec.hasRequiredNodeAffinity) return undefined
    const spec = pod.pod.spec
    const result: PreFilterResult = {
      filter: (node) => (podFitsNodeAffinity(spec, node.node) ? undefined : NOT_MATCHING),
    }
    const names = pinnedNodeNames(spec)
    if (names?.size === 0) return { rejection: CONFLICT }
    return names ? { ...result, nodeNames: names } : result
  },
}

function termMatches(term: NodeSelectorTerm, node: Parameters<typeof nodeSelectorMatches>[1]) {
  return nodeSelectorMatches({ nodeSelectorTerms: [term] }, node)
}

/** `NodeAffinity` Score: the weights of the preferred terms a node matches, scaled to 0–100. */
export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore({ pod }) {
    const terms = pod.spec.preferredNodeTerms
    if (terms.length === 0) return undefined
    return {
      scoreAll: eachNode((node) => {
        let sum = 0
        for (const t of terms) if (termMatches(t.preference, node.node)) sum += t.weight
        return sum
      }),
      normalize: (scores) => defaultNormalizeScore(scores, false),
    }
  },
}
