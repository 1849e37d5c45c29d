import type { CompiledSelector } from '../label-selector'
import { SEP, type TrackedPod } from './tracked-pod'

/**
 * The bound pods by namespace and by `namespace/key=value`, so a selector finds
 * its candidates among the pods that carry its rarest pair instead of among all
 * pods. Built the first time a pod needs it (one with affinity terms or spreading
 * constraints), then kept current pod by pod.
 */
export class PodLabelIndex {
  private readonly byPair = new Map<string, Set<TrackedPod>>()
  private readonly byNamespace = new Map<string, Set<TrackedPod>>()

  add(p: TrackedPod): void {
    addTo(this.byNamespace, p.namespace, p)
    for (const pair of p.pairs) addTo(this.byPair, pair, p)
  }

  remove(p: TrackedPod): void {
    removeFrom(this.byNamespace, p.namespace, p)
    for (const pair of p.pairs) removeFrom(this.byPair, pair, p)
  }

  namespaces(): Iterable<string> {
    return this.byNamespace.keys()
  }

  /** A superset of the pods in `namespace` the selector matches; callers still check each. */
  candidates(namespace: string, selector: CompiledSelector): ReadonlySet<TrackedPod> {
    if (selector.nothing) return EMPTY
    let best = this.byNamespace.get(namespace) ?? EMPTY
    for (const [k, v] of selector.equalities) {
      const set = this.byPair.get(namespace + SEP + k + SEP + v) ?? EMPTY
      if (set.size < best.size) best = set
    }
    return best
  }
}

const EMPTY: ReadonlySet<TrackedPod> = new Set()

function addTo(map: Map<string, Set<TrackedPod>>, key: string, p: TrackedPod): void {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(p)
}

function removeFrom(map: Map<string, Set<TrackedPod>>, key: string, p: TrackedPod): void {
  const set = map.get(key)
  if (!set) return
  set.delete(p)
  if (set.size === 0) map.delete(key)
}
