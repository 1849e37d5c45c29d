import type { CompiledSelector } from '../label-selector'
import type { TrackedPod } from './tracked-pod'

const SEP = '\u0000'

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
    const labels = p.pod.metadata.labels
    for (const k in labels) addTo(this.byPair, p.namespace + SEP + k + SEP + labels[k], p)
  }

  remove(p: TrackedPod): void {
    removeFrom(this.byNamespace, p.namespace, p)
    const labels = p.pod.metadata.labels
    for (const k in labels) removeFrom(this.byPair, p.namespace + SEP + k + SEP + labels[k], p)
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
