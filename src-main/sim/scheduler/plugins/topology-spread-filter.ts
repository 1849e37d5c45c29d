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

/**
 * One constraint's `TpValueToMatchNum` by domain number, and its global minimum
 * (`minMatchNum`, minDomains applied): the filter finds a node's domain by its row.
 */
interface ConstraintState {
  /** Node row → domain number, -1 without the key. */
  readonly ids: Int32Array
  /** Domain number → matching pods. */
  readonly counts: Int32Array
  readonly minMatch: number
  readonly selfMatch: number
  readonly maxSkew: number
}

interface Counted {
  readonly counts: Int32Array
  readonly minMatch: number
}

/** One constraint, no node to leave out: the cache's running counts serve as they are. */
function countRunning(ctx: CycleContext, c: SpreadConstraint, counter: MatchCounter): Counted {
  const { cache } = ctx
  const counts = cache.domainCounts(counter, c.topologyKey)
  const domains = cache.topologyKey(c.topologyKey).size
  // Fewer eligible domains than minDomains, or a domain with no matching pod: the minimum is zero.
  let min = domains < c.minDomains || domains > counts.byValue.size ? 0 : Infinity
  for (const n of counts.byValue.values()) if (n < min) min = n
  return { counts: counts.byId, minMatch: min }
}

/** Every node with every topology key is a domain, zero-pod ones included (`calPreFilterState`). */
function countEveryNode(
  ctx: CycleContext,
  constraints: readonly SpreadConstraint[],
  counters: readonly MatchCounter[],
): Counted[] {
  const keys = constraints.map((c) => ctx.cache.topologyKey(c.topologyKey))
  const counts = keys.map((k) => new Int32Array(k.values.length))
  const eligible = keys.map((k) => new Uint8Array(k.values.length))
  for (const node of ctx.cache.all()) {
    if (!hasAllKeys(node, constraints)) continue
    for (let i = 0; i < constraints.length; i++) {
      if (!nodeIncluded(constraints[i]!, ctx, node)) continue
      const id = keys[i]!.ids[node.row]!
      eligible[i]![id] = 1
      counts[i]![id]! += counters[i]!.onNode(node)
    }
  }
  return constraints.map((c, i) => {
    let domains = 0
    let min = Infinity
    eligible[i]!.forEach((on, id) => {
      if (on === 0) return
      domains++
      if (counts[i]![id]! < min) min = counts[i]![id]!
    })
    return { counts: counts[i]!, minMatch: domains < c.minDomains ? 0 : min }
  })
}

function states(ctx: CycleContext, constraints: readonly SpreadConstraint[]): ConstraintState[] {
  const { cache, pod } = ctx
  const counters = constraints.map((c) => cache.matchCounter(pod.namespace, c.selector))
  const labels = pod.pod.metadata.labels
  const simple = constraints.length === 1 && !hasInclusionPolicy(constraints[0]!, ctx)
  const counted = simple
    ? [countRunning(ctx, constraints[0]!, counters[0]!)]
    : countEveryNode(ctx, constraints, counters)
  return counted.map(({ counts, minMatch }, i) => {
    const c = constraints[i]!
    return {
      ids: cache.topologyKey(c.topologyKey).ids,
      counts,
      minMatch,
      selfMatch: c.selector.matches(labels) ? 1 : 0,
      maxSkew: c.maxSkew,
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
        const row = node.row
        for (const s of all) {
          const id = s.ids[row]!
          if (id < 0) return MISSING_LABEL
          const skew = s.counts[id]! + s.selfMatch - s.minMatch
          if (skew > s.maxSkew) return NOT_MATCHING
        }
        return undefined
      },
    }
  },
}
