import type { NodeInfo } from './node-info'

type Labels = Readonly<Record<string, string>>

/**
 * The values of a topology key across the nodes, with how many nodes carry each:
 * the domains a spreading constraint counts, zero-pod ones included. Built for a
 * key the first time it is asked for, then kept as nodes come, go and relabel.
 */
export class TopologyDomains {
  private readonly byKey = new Map<string, Map<string, number>>()

  domains(key: string, nodes: readonly NodeInfo[]): ReadonlyMap<string, number> {
    let domains = this.byKey.get(key)
    if (!domains) {
      domains = new Map()
      for (const n of nodes) bump(domains, n.labels[key], 1)
      this.byKey.set(key, domains)
    }
    return domains
  }

  nodeChanged(before: Labels | undefined, after: Labels | undefined): void {
    for (const [key, domains] of this.byKey) {
      bump(domains, before?.[key], -1)
      bump(domains, after?.[key], 1)
    }
  }
}

function bump(domains: Map<string, number>, value: string | undefined, sign: 1 | -1): void {
  if (value === undefined) return
  const n = (domains.get(value) ?? 0) + sign
  if (n > 0) domains.set(value, n)
  else domains.delete(value)
}
