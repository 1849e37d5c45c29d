import type { CompiledSelector } from '../label-selector'
import { NodeCounts } from './node-counts'
import type { PodLabelIndex } from './pod-label-index'
import { SEP, type TrackedPod } from './tracked-pod'

/**
 * How many bound pods of one namespace match one selector, per node and per
 * domain: what spreading counts (`countPodsMatchSelector`, which skips pods
 * being deleted) and what affinity terms count (which do not).
 */
export class MatchCounter extends NodeCounts {
  lastUsedTick = 0
  /** Swept: no longer kept current. */
  dropped = false

  constructor(
    readonly namespace: string,
    readonly selector: CompiledSelector,
  ) {
    super()
  }
}

/** The counters in use, found again by the selector's canonical text; unused ones are dropped. */
export class MatchCounters {
  /** `skipTerminating`: pods being deleted do not count (spreading) or do (affinity). */
  constructor(private readonly skipTerminating: boolean) {}

  private readonly byKey = new Map<string, MatchCounter>()
  /** The counter last found for a compiled selector: templates keep theirs from cycle to cycle. */
  private readonly bySelector = new WeakMap<CompiledSelector, MatchCounter>()
  /** Each counter under one `namespace/key=value` its pods must carry (or its namespace alone). */
  private readonly byAnchor = new Map<string, Set<MatchCounter>>()

  get size(): number {
    return this.byKey.size
  }

  counter(namespace: string, selector: CompiledSelector, index: PodLabelIndex): MatchCounter {
    const known = this.bySelector.get(selector)
    if (known && !known.dropped && known.namespace === namespace) return known
    const key = namespace + SEP + selector.key
    let counter = this.byKey.get(key)
    if (counter) {
      this.bySelector.set(selector, counter)
      return counter
    }
    counter = new MatchCounter(namespace, selector)
    for (const p of index.candidates(namespace, selector))
      if (this.counts(p) && selector.matches(p.pod.metadata.labels)) counter.change(p.node, 1)
    this.byKey.set(key, counter)
    const anchor = anchorOf(namespace, selector)
    let set = this.byAnchor.get(anchor)
    if (!set) this.byAnchor.set(anchor, (set = new Set()))
    set.add(counter)
    this.bySelector.set(selector, counter)
    return counter
  }

  podChanged(p: TrackedPod, sign: 1 | -1): void {
    if (this.byKey.size === 0 || !this.counts(p)) return
    this.visit(this.byAnchor.get(p.namespace), p, sign)
    for (const pair of p.pairs) this.visit(this.byAnchor.get(pair), p, sign)
  }

  private counts(p: TrackedPod): boolean {
    return p.spreading || !this.skipTerminating
  }

  private visit(set: Set<MatchCounter> | undefined, p: TrackedPod, sign: 1 | -1): void {
    if (!set) return
    for (const c of set) if (c.selector.matches(p.pod.metadata.labels)) c.change(p.node, sign)
  }

  /** Drops the counters no pod has asked for since `beforeTick`. */
  sweep(beforeTick: number): void {
    for (const [key, counter] of this.byKey) {
      if (counter.lastUsedTick >= beforeTick) continue
      counter.dropped = true
      this.byKey.delete(key)
      const anchor = anchorOf(counter.namespace, counter.selector)
      const set = this.byAnchor.get(anchor)
      set?.delete(counter)
      if (set?.size === 0) this.byAnchor.delete(anchor)
    }
  }
}

/** The last pair sorts after `app` (`pod-template-hash`, say), so it is usually the rarest. */
function anchorOf(namespace: string, selector: CompiledSelector): string {
  const pair = selector.equalities[selector.equalities.length - 1]
  return pair ? namespace + SEP + pair[0] + SEP + pair[1] : namespace
}
