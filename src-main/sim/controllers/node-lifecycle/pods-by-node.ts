import type { Pod } from '../../api/core'

/**
 * The informer's `spec.nodeName` index: the pods bound to each node, by uid.
 * A uid is a string every version of a pod already carries, so keeping a pod
 * here builds and hashes no key of its own.
 */
export class PodsByNode {
  private readonly byNode = new Map<string, Set<string>>()

  /** Returns the node a pod has just been bound to, if this change bound it. */
  changed(before: Pod | undefined, after: Pod | undefined): string | undefined {
    const from = before?.spec.nodeName
    const to = after?.spec.nodeName
    if (from === to) return undefined
    const uid = (after ?? before)!.metadata.uid!
    if (from) {
      const set = this.byNode.get(from)
      set?.delete(uid)
      if (set?.size === 0) this.byNode.delete(from)
    }
    if (!to) return undefined
    let set = this.byNode.get(to)
    if (!set) this.byNode.set(to, (set = new Set()))
    set.add(uid)
    return to
  }

  /** The uids of the pods bound to `nodeName`, in the order they were bound. */
  uids(nodeName: string): string[] {
    return [...(this.byNode.get(nodeName) ?? [])]
  }
}
