import type { Namespace } from '../../api/core'
import { withSelectedNamespaces, type AffinityTerm } from '../affinity-term'
import type { DomainCounts } from '../cache/node-counts'
import type { NodeInfo } from '../cache/node-info'
import type { TopologyKey } from '../cache/topology-domains'
import { NOTHING, selectorAnd, type CompiledSelector } from '../label-selector'
import type { CycleContext } from '../framework'

/**
 * Pods in some topology domains, summed over the namespaces they were counted
 * in, as one term sees them: the cache keeps every count current, so applying a
 * term to a node is a lookup, not a walk over the pods.
 */
export class TermCounts {
  readonly topologyKey: string
  /** Node row → domain number, read instead of the node's labels. */
  private readonly ids: Int32Array

  constructor(
    domains: TopologyKey,
    private readonly parts: readonly DomainCounts[],
    readonly weight = 1,
  ) {
    this.topologyKey = domains.key
    this.ids = domains.ids
  }

  /** Whether the node carries the term's topology key. */
  hasKey(node: NodeInfo): boolean {
    return this.ids[node.row]! >= 0
  }

  /** Pods in the node's domain; zero for a node without the key. */
  onNodeDomain(node: NodeInfo): number {
    const id = this.ids[node.row]!
    if (id < 0) return 0
    let n = 0
    for (const p of this.parts) n += p.byId[id]!
    return n
  }

  /** No counted pod sits on a node with the key (upstream's map has no entry for this term). */
  get empty(): boolean {
    return this.parts.every((p) => p.byValue.size === 0)
  }
}

/** The incoming pod's own terms, with the namespaces their `namespaceSelector` picks merged in. */
export function ownTerms(ctx: CycleContext, terms: readonly AffinityTerm[]): AffinityTerm[] {
  let namespaces: readonly Namespace[] | undefined
  const list = () => (namespaces ??= ctx.store.list<Namespace>('Namespace'))
  return terms.map((t) => withSelectedNamespaces(t, list))
}

/** The namespaces a term of the incoming pod looks in, or every one (`namespaceSelector: {}`). */
function namespacesOf(term: AffinityTerm): ReadonlySet<string> | 'all' {
  return term.namespaceSelector.everything ? 'all' : term.namespaces
}

/** Bound pods matching `selector` in `namespaces`, per domain of `key`. */
export function countsFor(
  ctx: CycleContext,
  namespaces: ReadonlySet<string> | 'all',
  selector: CompiledSelector,
  key: string,
  weight = 1,
): TermCounts {
  const { cache } = ctx
  const domains = cache.topologyKey(key)
  if (selector.nothing) return new TermCounts(domains, [], weight)
  const names = namespaces === 'all' ? [...cache.labelIndex().namespaces()] : namespaces
  const parts: DomainCounts[] = []
  for (const ns of names) parts.push(cache.domainCounts(cache.affinityCounter(ns, selector), key))
  return new TermCounts(domains, parts, weight)
}

/** Bound pods matching the incoming pod's term, per domain of its topology key. */
export function ownTermCounts(ctx: CycleContext, term: AffinityTerm, weight = 1): TermCounts {
  return countsFor(ctx, namespacesOf(term), term.selector, term.topologyKey, weight)
}

function intersect(
  a: ReadonlySet<string> | 'all',
  b: ReadonlySet<string> | 'all',
): ReadonlySet<string> | 'all' {
  if (a === 'all') return b
  if (b === 'all') return a
  return new Set([...a].filter((n) => b.has(n)))
}

/**
 * `updateWithAffinityTerms`: pods count for required affinity only when they
 * match every term, so the terms' selectors are ANDed and their namespaces
 * intersected; each term then reads the counts by its own topology key.
 */
export function allTermsCounts(ctx: CycleContext, terms: readonly AffinityTerm[]): TermCounts[] {
  let namespaces: ReadonlySet<string> | 'all' = 'all'
  let selector: CompiledSelector | undefined
  for (const t of terms) {
    selector = selector ? selectorAnd(selector, t.selector) : t.selector
    namespaces = intersect(namespaces, namespacesOf(t))
  }
  return terms.map((t) => countsFor(ctx, namespaces, selector ?? NOTHING, t.topologyKey))
}
