import type { NodeInfo } from './node-info'
import type { TopologyKey } from './topology-domains'

/** Pods counted per value of one topology key, and on nodes without that key. */
export interface DomainCounts {
  readonly byValue: Map<string, number>
  withoutKey: number
  /**
   * The same by domain number of the key's `TopologyKey`, so a loop over nodes
   * reads a node's count through its row; as long as the key has values.
   */
  byId: Int32Array
}

/**
 * A number of pods per node, and the same summed per topology domain for the
 * keys asked about, kept up to date as pods come and go: what the affinity and
 * spreading plugins count, without walking pods for every pod scheduled.
 */
export class NodeCounts {
  readonly perNode = new Map<NodeInfo, number>()
  private readonly domains = new Map<TopologyKey, DomainCounts>()
  private domainsEpoch = -1

  onNode(node: NodeInfo): number {
    return this.perNode.get(node) ?? 0
  }

  change(node: NodeInfo, n: number): void {
    const next = (this.perNode.get(node) ?? 0) + n
    if (next > 0) this.perNode.set(node, next)
    else this.perNode.delete(node)
    for (const [domains, counts] of this.domains) addTo(counts, node, domains, n)
  }

  /** Counts per domain of a key over the nodes in the cluster; `epoch` moves when node labels change. */
  domainCounts(domains: TopologyKey, epoch: number): DomainCounts {
    if (this.domainsEpoch !== epoch) {
      this.domains.clear()
      this.domainsEpoch = epoch
    }
    let counts = this.domains.get(domains)
    if (!counts) {
      counts = { byValue: new Map(), withoutKey: 0, byId: new Int32Array(domains.values.length) }
      for (const [node, n] of this.perNode) addTo(counts, node, domains, n)
      this.domains.set(domains, counts)
    }
    if (counts.byId.length < domains.values.length) counts.byId = grown(counts.byId, domains)
    return counts
  }
}

function grown(byId: Int32Array, domains: TopologyKey): Int32Array {
  const out = new Int32Array(Math.max(domains.values.length, byId.length * 2))
  out.set(byId)
  return out
}

function addTo(counts: DomainCounts, node: NodeInfo, domains: TopologyKey, n: number): void {
  if (node.gone) return
  const value = node.labels[domains.key]
  if (value === undefined) {
    counts.withoutKey += n
    return
  }
  const next = (counts.byValue.get(value) ?? 0) + n
  if (next > 0) counts.byValue.set(value, next)
  else counts.byValue.delete(value)
  const id = domains.ids[node.row] ?? -1
  if (id < 0) return
  if (id >= counts.byId.length) counts.byId = grown(counts.byId, domains)
  counts.byId[id]! += n
}
