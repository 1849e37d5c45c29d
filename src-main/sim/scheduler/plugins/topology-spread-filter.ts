import type { MatchCounter } from '../cache/match-counters'
import type { CycleContext, FilterPlugin, Status } from '../framework'
import { spreadConstraints, type SpreadConstraint } from './spread-constraints'
import { hasAllKeys, hasInclusionPolicy, nodeIncluded } from './spread-inclusion'

const NOT_MATCHING: Status = {
  plugin: 'PodTopologySpread',
  reasons: ["node(s) didn't match pod topology spread constraints"],
  unresolvable: false,
}
const MISSING_LABEL: Status = {
  plugin: 'PodTopologySpread',
  reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
  unresolvable: true,
}

/** One constraint's `TpValueToMatchNum` and global minimum (`minMatchNum`, minDomains applied). */
interface ConstraintState {
  readonly c: SpreadConstraint
  readonly counts: ReadonlyMap<string, number>
  readonly minMatch: number
  readonly selfMatch: number
}

function minMatch(c: SpreadConstraint, counts: ReadonlyMap<string, number>, domains: number) {
  // Fewer eligible domains than minDomains: the global minimum is taken as zero.
  if (domains < c.minDomains) return 0
  // A domain with no matching pod holds the minimum.
  if (domains > counts.size) return 0
  let min = Infinity
  for (const n of counts.values()) if (n < min) min = n
  return min
}

/** Every node with every topology key is a domain, zero-pod ones included (`calPreFilterState`). */
function countEveryNode(
  ctx: CycleContext,
  constraints: SpreadConstraint[],
  counters: MatchCounter[],
) {
  const counts = constraints.map(() => new Map<string, number>())
  for (const node of ctx.cache.all()) {
    if (!hasAllKeys(node, constraints)) continue
    constraints.forEach((c, i) => {
      if (!nodeIncluded(c, ctx, node)) return
      const value = node.labels[c.topologyKey]!
      counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + counters[i]!.onNode(node))
    })
  }
  return counts.map((m, i) => ({ counts: m as ReadonlyMap<string, number>, domains: m.size, i }))
}

function states(ctx: CycleContext, constraints: SpreadConstraint[]): ConstraintState[] {
  const { cache, pod } = ctx
  const counters = constraints.map((c) => cache.matchCounter(pod.namespace, c.selector))
  const labels = pod.pod.metadata.labels
  const simple = constraints.length === 1 && !hasInclusionPolicy(constraints[0]!, ctx)
  const counted = simple
    ? [
        {
          // One constraint, no node to leave out: the cache's running counts serve as they are.
          counts: counters[0]!.domainCounts(constraints[0]!.topologyKey, cache.labelsEpoch).byValue,
          domains: cache.domains(constraints[0]!.topologyKey).size,
          i: 0,
        },
      ]
    : countEveryNode(ctx, constraints, counters)
  return counted.map(({ counts, domains, i }) => {
    const c = constraints[i]!
    return {
      c,
      counts,
      minMatch: minMatch(c, counts, domains),
      selfMatch: c.selector.matches(labels) ? 1 : 0,
    }
  })
}

/**
 * `PodTopologySpread` Filter, for `whenUnsatisfiable: DoNotSchedule`: placing the
 * pod must keep each domain within `maxSkew` of the least loaded eligible one.
 */
export const topologySpreadFilter: FilterPlugin = {
  name: 'PodTopologySpread',
  preFilter(ctx) {
    if (ctx.pod.spec.spreadConstraints.length === 0) return undefined
    const { constraints } = spreadConstraints(ctx, 'DoNotSchedule')
    if (constraints.length === 0) return undefined
    const all = states(ctx, constraints)
    return {
      filter(node) {
        for (const s of all) {
          const value = node.labels[s.c.topologyKey]
          if (value === undefined) return MISSING_LABEL
          const skew = (s.counts.get(value) ?? 0) + s.selfMatch - s.minMatch
          if (skew > s.c.maxSkew) return NOT_MATCHING
        }
        return undefined
      },
    }
  },
}
