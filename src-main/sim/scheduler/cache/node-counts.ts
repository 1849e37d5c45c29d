import type { NodeInfo } from './node-info'

/** Pods counted per value of one topology key, and on nodes without that key. */
export interface DomainCounts {
  readonly byValue: Map<string, number>
  withoutKey: number
}

/**
 * A number of pods per node, and the same summed per topology domain for the
 * keys asked about, kept up to date as pods come and go: what the affinity and
 * spreading plugins count, without walking pods for every pod scheduled.
 */
export class NodeCounts {
  readonly perNode = new Map<NodeInfo, number>()
  private readonly domains = new Map<string, DomainCounts>()
  private domainsEpoch = -1

  onNode(node: NodeInfo): number {
    return this.perNode.get(node) ?? 0
  }

  change(node: NodeInfo, n: number): void {
    const next = (this.perNode.get(node) ?? 0) + n
    if (next > 0) this.perNode.set(node, next)
    else this.perNode.delete(node)
    for (const [key, counts] of this.domains) addTo(counts, node, key, n)
  }

  /** Counts per domain of `key` over the nodes in the cluster; `epoch` moves when node labels change. */
  domainCounts(key: string, epoch: number): DomainCounts {
    if (this.domainsEpoch !== epoch) {
      this.domains.clear()
      this.domainsEpoch = epoch
    }
    let counts = this.domains.get(key)
    if (!counts) {
      counts = { byValue: new Map(), withoutKey: 0 }
      for (const [node, n] of this.perNode) addTo(counts, node, key, n)
      this.domains.set(key, counts)
    }
    return counts
  }
}

function addTo(counts: DomainCounts, node: NodeInfo, key: string, n: number): void {
  if (node.gone) return
  const value = node.labels[key]
  if (value === undefined) {
    counts.withoutKey += n
    return
  }
  const next = (counts.byValue.get(value) ?? 0) + n
  if (next > 0) counts.byValue.set(value, next)
  else counts.byValue.delete(value)
}
