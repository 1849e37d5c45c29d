import type { Prng } from '../kernel/prng'
import type { ObjectStore } from '../store/store'
import type { SchedulerCache } from './cache/cache'
import type { NodeInfo } from './cache/node-info'
import { STRIDE } from './cache/node-table'
import { fitErrorMessage } from './fit-error'
import type { CycleContext, NodeFilter, PluginName, Status } from './framework'
import { basicChecks, passesBasicChecks, type BasicChecks } from './basic-checks'
import { feasibleNodesToFind, type PodInfo } from './pod-info'
import { filterPlugins, scorePlugins } from './profile'

export type ScheduleResult =
  | { readonly node: NodeInfo }
  | { readonly message: string; readonly plugins: ReadonlySet<PluginName> }

/** What the PreFilter plugins made of the pod: per-node checks and the nodes to try. */
interface PreFiltered {
  /** Every plugin's check, in the profile's order. */
  filters: NodeFilter[]
  /** The checks the inline basic checks do not cover, in order. */
  rest: NodeFilter[]
  nodeNames?: ReadonlySet<string>
  narrowedBy?: PluginName
  rejection?: Status
}

function preFilter(ctx: CycleContext): PreFiltered {
  const out: PreFiltered = { filters: [], rest: [] }
  for (const plugin of filterPlugins) {
    const r = plugin.preFilter(ctx)
    if (!r) continue
    if (r.rejection) return { filters: [], rest: [], rejection: r.rejection }
    if (r.filter) {
      out.filters.push(r.filter)
      if (!plugin.coveredByBasicChecks) out.rest.push(r.filter)
    }
    if (r.nodeNames) {
      const before = out.nodeNames
      out.nodeNames = before ? new Set([...r.nodeNames].filter((n) => before.has(n))) : r.nodeNames
      out.narrowedBy = plugin.name
    }
  }
  return out
}

/**
 * kube-scheduler's scheduling algorithm (`schedulePod` in `schedule_one.go`) for
 * one pod: PreFilter, then Filter from where the last cycle stopped until enough
 * feasible nodes are found (`percentageOfNodesToScore`), then PreScore, Score,
 * NormalizeScore and the weighted sum, and the best node, ties broken at random.
 */
export class SchedulingAlgorithm {
  private nextStartNodeIndex = 0
  private readonly feasible: NodeInfo[] = []
  /** The feasible nodes' rows in the cache's `NodeTable`, in the same order. */
  private feasibleRows = new Int32Array(0)
  /** Score buffers, reused from cycle to cycle. */
  private totals = new Float64Array(0)
  private scores = new Float64Array(0)

  constructor(
    private readonly cache: SchedulerCache,
    private readonly store: ObjectStore,
    private readonly prng: Prng,
  ) {}

  schedule(pod: PodInfo): ScheduleResult {
    const cache = this.cache
    const allNodes = cache.all()
    if (allNodes.length === 0) return { message: fitErrorMessage(0, []), plugins: new Set() }
    cache.startCycle()
    const ctx: CycleContext = { pod, cache, store: this.store }
    const pre = preFilter(ctx)
    if (pre.rejection) {
      const message = fitErrorMessage(allNodes.length, [], pre.rejection.reasons.join(', '))
      return { message, plugins: new Set([pre.rejection.plugin]) }
    }
    const nodes = pre.nodeNames ? this.named(pre.nodeNames) : allNodes
    const rows = pre.nodeNames ? Int32Array.from(nodes, (n) => n.row) : cache.allRows()
    const failures: Status[] = []
    const feasible = this.findFeasible(
      nodes,
      rows,
      pre,
      basicChecks(pod),
      failures,
      allNodes.length,
    )
    if (feasible.length === 0) return this.fitError(allNodes.length, nodes.length, failures, pre)
    if (feasible.length === 1) return { node: feasible[0]! }
    const feasibleRows = this.feasibleRows.subarray(0, feasible.length)
    return { node: this.select(feasible, this.score(ctx, feasible, feasibleRows)) }
  }

  private named(names: ReadonlySet<string>): NodeInfo[] {
    const out: NodeInfo[] = []
    for (const name of names) {
      const info = this.cache.get(name)
      if (info) out.push(info)
    }
    return out
  }

  private findFeasible(
    nodes: readonly NodeInfo[],
    rows: Int32Array,
    pre: PreFiltered,
    basic: BasicChecks,
    failures: Status[],
    numAllNodes: number,
  ): NodeInfo[] {
    const wanted = feasibleNodesToFind(nodes.length)
    // One array for every cycle: the feasible nodes are needed only until the pod is placed.
    const feasible = this.feasible
    const count = nodes.length
    if (this.feasibleRows.length < Math.min(wanted, count))
      this.feasibleRows = new Int32Array(Math.max(wanted, this.feasibleRows.length * 2))
    const feasibleRows = this.feasibleRows
    const hot = this.cache.table.hot
    const { rest, filters } = pre
    const start = count === 0 ? 0 : this.nextStartNodeIndex % count
    let found = 0
    let processed = 0
    for (; processed < count && found < wanted; processed++) {
      let i = start + processed
      if (i >= count) i -= count
      const row = rows[i]!
      const basicOk = passesBasicChecks(hot, row * STRIDE, basic)
      if (!basicOk || rest.length > 0) {
        const node = nodes[i]!
        const list = basicOk ? rest : filters
        let failure: Status | undefined
        for (let f = 0; f < list.length && !failure; f++) failure = list[f]!(node)
        if (failure) {
          failures.push(failure)
          continue
        }
      }
      feasible[found] = nodes[i]!
      feasibleRows[found++] = row
    }
    feasible.length = found
    // Start where this cycle stopped, so every node gets its turn in a large cluster.
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes
    return feasible
  }

  private fitError(
    numAllNodes: number,
    tried: number,
    failures: Status[],
    pre: PreFiltered,
  ): ScheduleResult {
    const plugins = new Set<PluginName>(failures.map((f) => f.plugin))
    if (tried < numAllNodes && pre.narrowedBy) {
      // Nodes a PreFilter left out count once each, with an unresolvable status naming the plugin.
      const absent: Status = {
        plugin: pre.narrowedBy,
        reasons: [`node(s) didn't satisfy plugin(s) [${pre.narrowedBy}]`],
        unresolvable: true,
      }
      for (let i = tried; i < numAllNodes; i++) failures.push(absent)
      plugins.add(pre.narrowedBy)
    }
    return { message: fitErrorMessage(numAllNodes, failures), plugins }
  }

  /** The weighted sum of every score plugin's normalised scores, node by node. */
  private score(ctx: CycleContext, feasible: readonly NodeInfo[], rows: Int32Array): Float64Array {
    const n = feasible.length
    if (this.totals.length < n) {
      this.totals = new Float64Array(n * 2)
      this.scores = new Float64Array(n * 2)
    }
    const totals = this.totals.subarray(0, n).fill(0)
    const scores = this.scores.subarray(0, n)
    for (const plugin of scorePlugins) {
      const scorer = plugin.preScore(ctx, feasible, rows)
      if (!scorer) continue
      const w = plugin.weight
      if ('addAll' in scorer) {
        scorer.addAll(rows, totals, w)
        continue
      }
      scorer.scoreAll(feasible, rows, scores)
      scorer.normalize?.(scores)
      for (let i = 0; i < n; i++) totals[i]! += w * scores[i]!
    }
    return totals
  }

  /**
   * `selectHost`: the highest total wins, ties broken uniformly at random (the
   * reservoir sampling upstream does, with one draw instead of one per tie).
   */
  private select(feasible: readonly NodeInfo[], totals: Float64Array): NodeInfo {
    const n = feasible.length
    let best = -Infinity
    let ties = 0
    for (let i = 0; i < n; i++) {
      const s = totals[i]!
      if (s > best) {
        best = s
        ties = 1
      } else if (s === best) ties++
    }
    let pick = ties > 1 ? this.prng.int(ties) : 0
    for (let i = 0; i < n; i++) if (totals[i] === best && pick-- === 0) return feasible[i]!
    return feasible[0]!
  }
}
