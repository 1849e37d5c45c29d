import { termMatches, type AffinityTerm } from '../affinity-term'
import type { AffinityGroup } from '../cache/affinity-groups'
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin, eachNode } from '../framework'
import { TermCounts, ownTermCounts, ownTerms } from './pod-affinity-counts'

/** `HardPodAffinityWeight`: what a bound pod's required affinity to this pod is worth. */
const HARD_POD_AFFINITY_WEIGHT = 1

/** The bound pods' terms that match this pod: their required affinity, preferred affinity and anti-affinity. */
function groupTerms(ctx: CycleContext, group: AffinityGroup, out: TermCounts[]): void {
  const { pod, cache } = ctx
  const labels = pod.pod.metadata.labels
  const nsLabels = cache.namespaceLabels(pod.namespace)
  const apply = (terms: readonly AffinityTerm[], weight: (t: AffinityTerm) => number) => {
    for (const t of terms) {
      if (!termMatches(t, pod.namespace, labels, nsLabels)) continue
      const counts = cache.domainCounts(group.nodes, t.topologyKey)
      out.push(new TermCounts(cache.topologyKey(t.topologyKey), [counts], weight(t)))
    }
  }
  apply(group.terms.requiredAffinity, () => HARD_POD_AFFINITY_WEIGHT)
  apply(group.terms.preferredAffinity, (t) => t.weight)
  apply(group.terms.preferredAntiAffinity, (t) => -t.weight)
}

/**
 * `InterPodAffinity` Score: the sum, over the topology domains a node belongs to,
 * of the weights the preferred (and bound pods' required) terms put there per
 * matching pod, scaled to 0–100 between the lowest and highest node.
 */
export const interPodAffinityScore: ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preScore(ctx) {
    const { preferredAffinity, preferredAntiAffinity } = ctx.pod.affinity
    const groups = ctx.cache.groups
    if (preferredAffinity.length === 0 && preferredAntiAffinity.length === 0 && groups.size === 0)
      return undefined
    const terms: TermCounts[] = [
      ...ownTerms(ctx, preferredAffinity).map((t) => ownTermCounts(ctx, t, t.weight)),
      ...ownTerms(ctx, preferredAntiAffinity).map((t) => ownTermCounts(ctx, t, -t.weight)),
    ]
    for (const group of groups.all()) groupTerms(ctx, group, terms)
    // No matching pod anywhere: every node would score alike (upstream skips).
    if (terms.every((t) => t.empty)) return undefined
    return {
      scoreAll: eachNode((node) => {
        let sum = 0
        for (const t of terms) sum += t.weight * t.onNodeDomain(node)
        return sum
      }),
      // In Go's order of float operations, so truncation lands where it does upstream.
      normalize(values) {
        let min = Infinity
        let max = -Infinity
        for (const s of values) {
          if (s < min) min = s
          if (s > max) max = s
        }
        const diff = max - min
        for (let i = 0; i < values.length; i++)
          values[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((values[i]! - min) / diff)) : 0
      },
    }
  },
}
