import type { Pod } from '../api/core'
import type { KubeObject } from '../api/meta'
import type { Slot } from './slot'

/**
 * Pods by the node they are bound to (`spec.nodeName`), as the API server's
 * pod index has them: the pod GC, node lifecycle and taint eviction ask for a
 * node's pods, where each used to keep an index of its own from every pod
 * write. Held by uid, a string every version of a pod carries: indexing one
 * builds and hashes no key.
 */
export class NodeNameIndex {
  private readonly byNode = new Map<string, Map<string, Slot>>()

  added(slot: Slot): void {
    const node = nodeNameOf(slot.obj)
    if (node) this.add(node, slot.obj.metadata.uid!, slot)
  }

  replaced(before: KubeObject, slot: Slot): void {
    const from = nodeNameOf(before)
    const to = nodeNameOf(slot.obj)
    if (from === to) return
    const uid = slot.obj.metadata.uid!
    if (from) this.delete(from, uid)
    if (to) this.add(to, uid, slot)
  }

  removed(obj: KubeObject): void {
    const node = nodeNameOf(obj)
    if (node) this.delete(node, obj.metadata.uid!)
  }

  /** The pods bound to `nodeName`, in the order they were bound. */
  podsOn(nodeName: string): Pod[] {
    const slots = this.byNode.get(nodeName)
    return slots ? Array.from(slots.values(), (slot) => slot.obj as Pod) : []
  }

  private add(node: string, uid: string, slot: Slot): void {
    let slots = this.byNode.get(node)
    if (!slots) this.byNode.set(node, (slots = new Map()))
    slots.set(uid, slot)
  }

  private delete(node: string, uid: string): void {
    const slots = this.byNode.get(node)
    slots?.delete(uid)
    if (slots?.size === 0) this.byNode.delete(node)
  }
}

function nodeNameOf(obj: KubeObject): string | undefined {
  return obj.kind === 'Pod' ? (obj as Pod).spec.nodeName : undefined
}
