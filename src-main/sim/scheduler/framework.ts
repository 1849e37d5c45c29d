import type { ObjectStore } from '../store/store'
import type { SchedulerCache } from './cache/cache'
import type { NodeInfo } from './cache/node-info'
import type { PodInfo } from './pod-info'

/** The plugins of the default profile, by the names kube-scheduler gives them. */
export type PluginName =
  | 'NodeUnschedulable'
  | 'NodeName'
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodePorts'
  | 'NodeResourcesFit'
  | 'VolumeBinding'
  | 'PodTopologySpread'
  | 'InterPodAffinity'
  | 'NodeResourcesBalancedAllocation'

/**
 * Why a node does not fit, in kube-scheduler's words. `unresolvable` is
 * `UnschedulableAndUnresolvable`: evicting pods would not make the node fit, so
 * preemption does not try it.
 */
export interface Status {
  readonly plugin: PluginName
  readonly reasons: readonly string[]
  readonly unresolvable: boolean
}

export type NodeFilter = (node: NodeInfo) => Status | undefined

/** What one scheduling cycle shares between plugins: the pod and the cluster as the cache sees it. */
export interface CycleContext {
  readonly pod: PodInfo
  readonly cache: SchedulerCache
  readonly store: ObjectStore
}

/**
 * A plugin's PreFilter: it looks at the pod once and hands back the per-node
 * check (or none: upstream's `Skip`), the only nodes worth trying, or a
 * rejection that needs no node at all.
 */
export interface PreFilterResult {
  filter?: NodeFilter
  nodeNames?: ReadonlySet<string>
  rejection?: Status
}

export interface FilterPlugin {
  readonly name: PluginName
  /**
   * Whether a node that passes the scheduler's inline check of cordons, taints,
   * host ports and resources (`passesBasicChecks`) is sure to pass this plugin:
   * then its filter runs only for the nodes that do not.
   */
  readonly coveredByBasicChecks?: boolean
  preFilter(ctx: CycleContext): PreFilterResult | undefined
}

/**
 * A plugin's scores for the feasible nodes, written into `scores` (one call per
 * cycle, so each plugin's loop stays tight); `rows` holds each node's row in the
 * cache's `NodeTable`, for plugins that read only numbers. `normalize` rewrites
 * the scores in place, as NormalizeScore does.
 */
export interface NormalizedScorer {
  scoreAll(nodes: readonly NodeInfo[], rows: Int32Array, scores: Float64Array): void
  normalize?(scores: Float64Array): void
}

/**
 * A plugin may instead add its weighted scores (normalised, if it normalises)
 * straight to each node's total, sparing passes over the nodes.
 */
export interface DirectScorer {
  addAll(rows: Int32Array, totals: Float64Array, weight: number): void
}

export type NodeScorer = NormalizedScorer | DirectScorer

/** A `scoreAll` from a per-node score, for the plugins whose scoring is rare or costly anyway. */
export function eachNode(score: (node: NodeInfo) => number): NormalizedScorer['scoreAll'] {
  return (nodes, _rows, scores) => {
    for (let i = 0; i < nodes.length; i++) scores[i] = score(nodes[i]!)
  }
}

export interface ScorePlugin {
  readonly name: PluginName
  readonly weight: number
  /** PreScore: undefined when the plugin has nothing to say about this pod (`Skip`). */
  preScore(
    ctx: CycleContext,
    feasible: readonly NodeInfo[],
    rows: Int32Array,
  ): NodeScorer | undefined
}

/** `framework.MaxNodeScore`. */
export const MAX_NODE_SCORE = 100
