import type { Pod } from '../../api/core'
import { namespacedName } from '../../store/keys'

/** The informer's `spec.nodeName` index: the keys of the pods bound to each node. */
export class PodsByNode {
  private readonly byNode = new Map<string, Set<string>>()

  /** Returns the node a pod has just been bound to, if this change bound it. */
  changed(before: Pod | undefined, after: Pod | undefined): string | undefined {
    const from = before?.spec.nodeName
    const to = after?.spec.nodeName
    if (from === to) return undefined
    const key = namespacedName((after ?? before)!)
    if (from) {
      const set = this.byNode.get(from)
      set?.delete(key)
      if (set?.size === 0) this.byNode.delete(from)
    }
    if (!to) return undefined
    let set = this.byNode.get(to)
    if (!set) this.byNode.set(to, (set = new Set()))
    set.add(key)
    return to
  }

  keys(nodeName: string): string[] {
    return [...(this.byNode.get(nodeName) ?? [])]
  }
}
