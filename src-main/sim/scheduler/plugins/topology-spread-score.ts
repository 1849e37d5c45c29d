import type { MatchCounter } from '../cache/match-counters'
import type { NodeInfo } from '../cache/node-info'
import type { TopologyKey } from '../cache/topology-domains'
import {
  MAX_NODE_SCORE,
  type CycleContext,
  type DirectScorer,
  type ScorePlugin,
} from '../framework'
import { HOSTNAME_KEY, spreadConstraints, type SpreadConstraint } from './spread-constraints'
import { hasAllKeys, hasInclusionPolicy, nodeIncluded } from './spread-inclusion'

/** `topologyNormalizingWeight`: small topologies are not watered down by big ones. */
function normalizingWeight(size: number): number {
  return Math.log(size + 2)
}

/**
 * Matching pods per domain of a non-hostname constraint, counted over every node
 * (`PreScore`), by domain number: from the cache's running counts when no node
 * is to be left out, else from the nodes holding matching pods.
 */
function domainCounts(
  ctx: CycleContext,
  c: SpreadConstraint,
  counter: MatchCounter,
  constraints: readonly SpreadConstraint[],
  requireAll: boolean,
  domains: TopologyKey,
): Int32Array {
  const key = c.topologyKey
  if (!hasInclusionPolicy(c, ctx) && (!requireAll || constraints.length === 1)) {
    const counts = ctx.cache.domainCounts(counter, key)
    // Go's map lookup turns a missing label into "": such nodes pool there.
    const empty = domains.idOf('')
    if (empty === undefined || counts.withoutKey === 0) return counts.byId
    const out = counts.byId.slice()
    out[empty]! += counts.withoutKey
    return out
  }
  const out = new Int32Array(domains.values.length)
  for (const [node, n] of counter.perNode) {
    if (node.gone || (requireAll && !hasAllKeys(node, constraints)) || !nodeIncluded(c, ctx, node))
      continue
    const id = domains.idOf(node.labels[key] ?? '')
    if (id !== undefined) out[id]! += n
  }
  return out
}

/**
 * Scratch arrays reused from cycle to cycle: each scored node's sum, and a
 * hostname constraint's counts by node row, scattered from its counter for
 * one constraint and cleared after, so they are all zero in between.
 */
const sumScratch: Float64Array[] = []
const byRowScratch: Float64Array[] = []

/*
 * A term's share of each node's sum (`count × weight + skew`), one loop per
 * way of reading the count: a node without the constraint's key gets none.
 */

function addDomainTerm(
  sums: Float64Array,
  rows: Int32Array,
  ids: Int32Array,
  byDomain: Int32Array,
  weight: number,
  skew: number,
): void {
  for (let j = 0; j < rows.length; j++) {
    const id = ids[rows[j]!]!
    if (id >= 0) sums[j]! += byDomain[id]! * weight + skew
  }
}

function addRowTerm(
  sums: Float64Array,
  rows: Int32Array,
  ids: Int32Array,
  byRow: Float64Array,
  weight: number,
  skew: number,
): void {
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!
    if (ids[r]! >= 0) sums[j]! += byRow[r]! * weight + skew
  }
}

function addCounterTerm(
  sums: Float64Array,
  rows: Int32Array,
  nodes: readonly NodeInfo[],
  ids: Int32Array,
  counter: MatchCounter,
  weight: number,
  skew: number,
): void {
  for (let j = 0; j < rows.length; j++)
    if (ids[rows[j]!]! >= 0) sums[j]! += counter.onNode(nodes[j]!) * weight + skew
}

function scratch(pool: Float64Array[], i: number, length: number): Float64Array {
  let out = pool[i]
  if (!out || out.length < length)
    pool[i] = out = new Float64Array(Math.max(length, 2 * (out?.length ?? 0)))
  return out
}

/** How one constraint reads a node's count: by its row (hostname) or by its domain's number. */
interface Term {
  readonly ids: Int32Array
  readonly skew: number
  /** Hostname constraints: `topologyNormalizingWeight` of the scored nodes. */
  readonly weight: number
  /** Non-hostname constraints: matching pods per domain number, and the key's domains. */
  readonly byDomain: Int32Array | undefined
  readonly domains: TopologyKey
  /** Hostname constraints: the counter to read per node. */
  readonly counter: MatchCounter
}

/**
 * Scores a constraint at a time, adding each node's terms in the constraints'
 * order as upstream adds them, then rounds, normalises, and adds the weighted
 * scores straight to the totals. A non-hostname constraint's weight needs its
 * number of domains among the scored nodes, counted first (most often from
 * the first few nodes: every domain is seen).
 */
class SpreadScorer implements DirectScorer {
  constructor(
    private readonly terms: readonly Term[],
    /** Nodes without every topology key (the pod's own constraints), scored 0 and left out. */
    private readonly ignored: Uint8Array | undefined,
    private readonly tableRows: number,
    private readonly nodes: readonly NodeInfo[],
  ) {}

  addAll(rows: Int32Array, totals: Float64Array, weight: number): void {
    const { terms, ignored, nodes } = this
    const n = rows.length
    // Each node's sum, a constraint at a time (one tight loop each, in the constraints' order).
    const sums = scratch(sumScratch, 0, n).fill(0, 0, n)
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!
      if (t.byDomain) {
        // No node has the key (nodes without zones): the term is in no node's sum.
        if (t.domains.withKey === 0) continue
        const w = normalizingWeight(this.domainsAmong(t, rows))
        addDomainTerm(sums, rows, t.ids, t.byDomain, w, t.skew)
        continue
      }
      const perNode = t.counter.perNode
      if (perNode.size > n) {
        addCounterTerm(sums, rows, nodes, t.ids, t.counter, t.weight, t.skew)
        continue
      }
      // Fewer nodes hold matching pods than there are to score: their counts, by row, for this pass.
      const byRow = scratch(byRowScratch, 0, this.tableRows)
      for (const [node, count] of perNode) byRow[node.row] = count
      addRowTerm(sums, rows, t.ids, byRow, t.weight, t.skew)
      for (const node of perNode.keys()) byRow[node.row] = 0
    }
    let min = Infinity
    let max = 0
    for (let j = 0; j < n; j++) {
      if (ignored && ignored[j]) continue
      const rounded = Math.round(sums[j]!)
      sums[j] = rounded
      if (rounded < min) min = rounded
      if (rounded > max) max = rounded
    }
    for (let j = 0; j < n; j++) {
      const score =
        ignored && ignored[j]
          ? 0
          : max === 0
            ? MAX_NODE_SCORE
            : Math.floor((MAX_NODE_SCORE * (max + min - sums[j]!)) / max)
      totals[j]! += weight * score
    }
  }

  /**
   * The distinct domains of a non-hostname constraint among the scored nodes
   * (`topoSize`), where a node without the key counts in the "" domain.
   */
  private domainsAmong(t: Term, rows: Int32Array): number {
    const { ids, domains } = t
    const ignored = this.ignored
    const empty = domains.idOf('') ?? -1
    const none = domains.values.length
    const seen = new Uint8Array(none + 1)
    let size = 0
    for (let j = 0; j < rows.length && size <= none; j++) {
      if (ignored && ignored[j]) continue
      const id = ids[rows[j]!]!
      const slot = id < 0 || id === empty ? none : id
      if (seen[slot] === 0) {
        seen[slot] = 1
        size++
      }
    }
    return size
  }
}

/** Feasible nodes lacking some constraint's key, or undefined when there are none. */
function ignoredNodes(keys: readonly TopologyKey[], rows: Int32Array): Uint8Array | undefined {
  let ignored: Uint8Array | undefined
  for (let j = 0; j < rows.length; j++) {
    for (const k of keys) {
      if (k.ids[rows[j]!]! >= 0) continue
      ;(ignored ??= new Uint8Array(rows.length))[j] = 1
      break
    }
  }
  return ignored
}

/**
 * `PodTopologySpread` Score, for `ScheduleAnyway` and the system defaults
 * (hostname maxSkew 3, zone maxSkew 5, on the pod's Services' and owner's
 * selector): fewer matching pods in a node's domains is better.
 */
export const topologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(ctx, feasible, rows) {
    const { constraints, systemDefaulted } = spreadConstraints(ctx, 'ScheduleAnyway')
    if (constraints.length === 0) return undefined
    const cache = ctx.cache
    // Only the pod's own constraints require every key: nodes without a zone still spread by hostname.
    const requireAll = !systemDefaulted
    const keys = constraints.map((c) => cache.topologyKey(c.topologyKey))
    const ignored = requireAll ? ignoredNodes(keys, rows) : undefined
    let scored = rows.length
    if (ignored) for (let j = 0; j < rows.length; j++) scored -= ignored[j]!
    const terms = constraints.map((c, i): Term => {
      const counter = cache.matchCounter(ctx.pod.namespace, c.selector)
      const hostname = c.topologyKey === HOSTNAME_KEY
      return {
        ids: keys[i]!.ids,
        skew: c.maxSkew - 1,
        weight: normalizingWeight(scored),
        byDomain: hostname
          ? undefined
          : domainCounts(ctx, c, counter, constraints, requireAll, keys[i]!),
        domains: keys[i]!,
        counter,
      }
    })
    return new SpreadScorer(terms, ignored, cache.table.capacity, feasible)
  },
}
