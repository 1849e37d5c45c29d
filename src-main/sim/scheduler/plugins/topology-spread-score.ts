import type { MatchCounter } from '../cache/match-counters'
import type { NodeInfo } from '../cache/node-info'
import { MAX_NODE_SCORE, type CycleContext, type ScorePlugin, eachNode } from '../framework'
import { HOSTNAME_KEY, spreadConstraints, type SpreadConstraint } from './spread-constraints'
import { hasAllKeys, hasInclusionPolicy, nodeIncluded } from './spread-inclusion'

/** `topologyNormalizingWeight`: small topologies are not watered down by big ones. */
function normalizingWeight(size: number): number {
  return Math.log(size + 2)
}

/**
 * Matching pods per domain of a non-hostname constraint, counted over every node
 * (`PreScore`): from the cache's running counts when no node is to be left out,
 * else from the nodes holding matching pods.
 */
function domainCounts(
  ctx: CycleContext,
  c: SpreadConstraint,
  counter: MatchCounter,
  constraints: SpreadConstraint[],
  requireAll: boolean,
): (value: string) => number {
  const key = c.topologyKey
  if (!hasInclusionPolicy(c, ctx) && (!requireAll || constraints.length === 1)) {
    const counts = counter.domainCounts(key, ctx.cache.labelsEpoch)
    // Go's map lookup turns a missing label into "": such nodes pool there.
    return (value) => (counts.byValue.get(value) ?? 0) + (value === '' ? counts.withoutKey : 0)
  }
  const counts = new Map<string, number>()
  for (const [node, n] of counter.perNode) {
    if (node.gone || (requireAll && !hasAllKeys(node, constraints)) || !nodeIncluded(c, ctx, node))
      continue
    const value = node.labels[key] ?? ''
    counts.set(value, (counts.get(value) ?? 0) + n)
  }
  return (value) => counts.get(value) ?? 0
}

/**
 * `PodTopologySpread` Score, for `ScheduleAnyway` and the system defaults
 * (hostname maxSkew 3, zone maxSkew 5, on the pod's Services' and owner's
 * selector): fewer matching pods in a node's domains is better.
 */
export const topologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(ctx, feasible) {
    const { constraints, systemDefaulted } = spreadConstraints(ctx, 'ScheduleAnyway')
    if (constraints.length === 0) return undefined
    // Only the pod's own constraints require every key: nodes without a zone still spread by hostname.
    const requireAll = !systemDefaulted
    const ignored = (node: NodeInfo) => requireAll && !hasAllKeys(node, constraints)
    const counters = constraints.map((c) => ctx.cache.matchCounter(ctx.pod.namespace, c.selector))
    let scored = 0
    const sizes = constraints.map(() => new Set<string>())
    for (const node of feasible) {
      if (ignored(node)) continue
      scored++
      constraints.forEach((c, i) => sizes[i]!.add(node.labels[c.topologyKey] ?? ''))
    }
    const weights = constraints.map((c, i) =>
      normalizingWeight(c.topologyKey === HOSTNAME_KEY ? scored : sizes[i]!.size),
    )
    const counts = constraints.map((c, i) =>
      c.topologyKey === HOSTNAME_KEY
        ? undefined
        : domainCounts(ctx, c, counters[i]!, constraints, requireAll),
    )
    return {
      scoreAll: eachNode((node) => {
        if (ignored(node)) return 0
        let score = 0
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i]!
          const value = node.labels[c.topologyKey]
          if (value === undefined) continue
          const inDomain = counts[i]
          const n = inDomain ? inDomain(value) : counters[i]!.onNode(node)
          score += n * weights[i]! + (c.maxSkew - 1)
        }
        return Math.round(score)
      }),
      normalize(scores, nodes) {
        let min = Infinity
        let max = 0
        for (let i = 0; i < scores.length; i++) {
          if (ignored(nodes[i]!)) continue
          if (scores[i]! < min) min = scores[i]!
          if (scores[i]! > max) max = scores[i]!
        }
        for (let i = 0; i < scores.length; i++) {
          if (ignored(nodes[i]!)) scores[i] = 0
          else if (max === 0) scores[i] = MAX_NODE_SCORE
          else scores[i] = Math.floor((MAX_NODE_SCORE * (max + min - scores[i]!)) / max)
        }
      },
    }
  },
}
