import type { Pod } from '../api/core'
import type { KubeObject } from '../api/meta'
import type { Slot } from './slot'
import { SlotGroups } from './slot-groups'

/**
 * Pods by the node they are bound to (`spec.nodeName`), as the API server's
 * pod index has them: the pod GC, node lifecycle and taint eviction ask for a
 * node's pods, where each used to keep an index of its own from every pod
 * write.
 */
export class NodeNameIndex {
  private readonly byNode = new SlotGroups()

  added(slot: Slot): void {
    const node = nodeNameOf(slot.obj)
    if (node) this.byNode.add(node, slot.obj.metadata.uid!, slot)
  }

  replaced(before: KubeObject, slot: Slot): void {
    const from = nodeNameOf(before)
    const to = nodeNameOf(slot.obj)
    if (from === to) return
    const uid = slot.obj.metadata.uid!
    if (from) this.byNode.delete(from, uid)
    if (to) this.byNode.add(to, uid, slot)
  }

  removed(obj: KubeObject): void {
    const node = nodeNameOf(obj)
    if (node) this.byNode.delete(node, obj.metadata.uid!)
  }

  /** The pods bound to `nodeName`, in the order they were bound. */
  podsOn(nodeName: string): Pod[] {
    return Array.from(this.byNode.slots(nodeName), (slot) => slot.obj as Pod)
  }
}

function nodeNameOf(obj: KubeObject): string | undefined {
  return obj.kind === 'Pod' ? (obj as Pod).spec.nodeName : undefined
}
