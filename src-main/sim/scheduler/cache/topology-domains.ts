import type { NodeInfo } from './node-info'

type Labels = Readonly<Record<string, string>>

/**
 * One topology key's domains: each value the nodes carry gets a small number,
 * and each node row holds the number of its domain, so a scoring loop finds a
 * node's domain with an array read instead of a look into its labels.
 */
export class TopologyKey {
  /** The domain number of each node row; -1 for a node without the key, or no node at all. */
  ids: Int32Array
  /** Domain number → label value. */
  readonly values: string[] = []
  /** Domain number → how many nodes it holds. */
  private readonly nodes: number[] = []
  private readonly numbers = new Map<string, number>()
  /** Domains holding at least one node: what a spreading constraint counts, zero-pod ones included. */
  size = 0
  /** Nodes carrying the key. */
  withKey = 0

  constructor(
    readonly key: string,
    rows: number,
  ) {
    this.ids = new Int32Array(rows).fill(-1)
  }

  /** The number of a value some node carries (or carried); undefined when none ever did. */
  idOf(value: string): number | undefined {
    return this.numbers.get(value)
  }

  /** How many nodes the domain holds. */
  nodesIn(id: number): number {
    return this.nodes[id] ?? 0
  }

  /** Moves a node row to the domain of `value` (undefined: out of every domain). */
  set(row: number, value: string | undefined): void {
    this.grow(row + 1)
    const before = this.ids[row]!
    let after = -1
    if (value !== undefined) {
      after = this.numbers.get(value) ?? -1
      if (after < 0) {
        after = this.values.length
        this.numbers.set(value, after)
        this.values.push(value)
        this.nodes.push(0)
      }
    }
    if (before === after) return
    if (before >= 0) {
      this.withKey--
      if (--this.nodes[before]! === 0) this.size--
    }
    if (after >= 0) {
      this.withKey++
      if (this.nodes[after]!++ === 0) this.size++
    }
    this.ids[row] = after
  }

  grow(rows: number): void {
    if (this.ids.length >= rows) return
    const grown = new Int32Array(Math.max(rows, this.ids.length * 2)).fill(-1)
    grown.set(this.ids)
    this.ids = grown
  }
}

/**
 * The domains of the topology keys asked about, zero-pod ones included. Built
 * for a key the first time it is asked for, then kept as nodes come, go and
 * relabel.
 */
export class TopologyDomains {
  private readonly byKey = new Map<string, TopologyKey>()

  /** `rows`: the node table's capacity, so every row has its entry. */
  key(key: string, nodes: readonly NodeInfo[], rows: number): TopologyKey {
    let domains = this.byKey.get(key)
    if (!domains) {
      domains = new TopologyKey(key, rows)
      for (const n of nodes) domains.set(n.row, n.labels[key])
      this.byKey.set(key, domains)
    }
    domains.grow(rows)
    return domains
  }

  /** A node's labels changed, or it joined (`after` set) or left (`after` undefined). */
  nodeChanged(row: number, after: Labels | undefined): void {
    for (const domains of this.byKey.values()) domains.set(row, after?.[domains.key])
  }
}
