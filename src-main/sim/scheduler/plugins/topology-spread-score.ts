import type { MatchCounter } from '../cache/match-counters'
import type { NodeInfo } from '../cache/node-info'
import type { TopologyKey } from '../cache/topology-domains'
import {
  MAX_NODE_SCORE,
  type CycleContext,
  type NormalizedScorer,
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
 * Scratch arrays reused from cycle to cycle: per constraint of a pod, each
 * scored node's count (`byNode`), and a hostname constraint's counts by node
 * row, scattered from its counter for one cycle and cleared after, so they are
 * all zero between cycles (`byRow`).
 */
const byNodeScratch: Float64Array[] = []
const byRowScratch: Float64Array[] = []

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

/** The count of a node without the constraint's key: the term stays out of its sum. */
const ABSENT = NaN

/**
 * Scores in four passes over the nodes: one per constraint gathering each
 * node's count (and a non-hostname constraint's number of domains, which its
 * weight needs), one adding them up (every node's terms in the constraints'
 * order, as upstream adds them) and rounding, and the normalisation.
 */
class SpreadScorer implements NormalizedScorer {
  private min = Infinity
  private max = 0

  constructor(
    private readonly terms: readonly Term[],
    /** Nodes without every topology key (the pod's own constraints), scored 0 and left out. */
    private readonly ignored: Uint8Array | undefined,
    private readonly tableRows: number,
  ) {}

  scoreAll(nodes: readonly NodeInfo[], rows: Int32Array, scores: Float64Array): void {
    const { terms, ignored } = this
    const n = rows.length
    const counts: Float64Array[] = []
    const weights: number[] = []
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!
      const out = scratch(byNodeScratch, i, n)
      counts.push(out)
      if (t.byDomain) weights.push(normalizingWeight(this.gatherDomains(t, rows, out)))
      else {
        this.gatherHosts(t, i, nodes, rows, out)
        weights.push(t.weight)
      }
    }
    let min = Infinity
    let max = 0
    for (let j = 0; j < n; j++) {
      if (ignored && ignored[j]) {
        scores[j] = 0
        continue
      }
      let score = 0
      for (let i = 0; i < terms.length; i++) {
        const count = counts[i]![j]!
        if (count === count /* not ABSENT */) score += count * weights[i]! + terms[i]!.skew
      }
      const rounded = Math.round(score)
      scores[j] = rounded
      if (rounded < min) min = rounded
      if (rounded > max) max = rounded
    }
    this.min = min
    this.max = max
  }

  /**
   * Each node's count in its domain, and the distinct domains among the scored
   * nodes (`topoSize`), where a node without the key counts in the "" domain.
   */
  private gatherDomains(t: Term, rows: Int32Array, out: Float64Array): number {
    const { ids, domains, byDomain } = t
    const ignored = this.ignored
    const empty = domains.idOf('') ?? -1
    const none = domains.values.length
    const seen = new Uint8Array(none + 1)
    let size = 0
    for (let j = 0; j < rows.length; j++) {
      const id = ids[rows[j]!]!
      out[j] = id < 0 ? ABSENT : byDomain![id]!
      if (ignored && ignored[j]) continue
      const slot = id < 0 || id === empty ? none : id
      if (seen[slot] === 0) {
        seen[slot] = 1
        size++
      }
    }
    return size
  }

  /** Each node's own count, from its row when the counter has fewer nodes than there are to score. */
  private gatherHosts(
    t: Term,
    i: number,
    nodes: readonly NodeInfo[],
    rows: Int32Array,
    out: Float64Array,
  ): void {
    const { ids, counter } = t
    if (counter.perNode.size > rows.length) {
      for (let j = 0; j < rows.length; j++)
        out[j] = ids[rows[j]!]! < 0 ? ABSENT : counter.onNode(nodes[j]!)
      return
    }
    const byRow = scratch(byRowScratch, i, this.tableRows)
    for (const [node, n] of counter.perNode) byRow[node.row] = n
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j]!
      out[j] = ids[r]! < 0 ? ABSENT : byRow[r]!
    }
    for (const node of counter.perNode.keys()) byRow[node.row] = 0
  }

  normalize(scores: Float64Array): void {
    const { ignored, min, max } = this
    for (let i = 0; i < scores.length; i++) {
      if (ignored && ignored[i]) scores[i] = 0
      else if (max === 0) scores[i] = MAX_NODE_SCORE
      else scores[i] = Math.floor((MAX_NODE_SCORE * (max + min - scores[i]!)) / max)
    }
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
  preScore(ctx, _feasible, rows) {
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
    return new SpreadScorer(terms, ignored, cache.table.capacity)
  },
}
