import type { KubeObject, OwnerReference } from '../api/meta'
import { NodeNameIndex } from './node-index'
import type { Slot } from './slot'
import { SlotGroups } from './slot-groups'

/**
 * Objects by uid, the owner index (owner uid → the objects that name it in
 * `ownerReferences`) and pods by node. All hold the objects' slots, so a write
 * that replaces an object and keeps its owners and node changes none.
 * Dependents stay indexed under a removed owner's uid: the garbage collector
 * finds them there.
 */
export class ObjectIndex {
  private readonly byUid = new Map<string, Slot>()
  private readonly dependentsByOwner = new SlotGroups()
  readonly byNode = new NodeNameIndex()

  getByUid(uid: string): KubeObject | undefined {
    return this.byUid.get(uid)?.obj
  }

  /** The objects naming `ownerUid`, in creation order. */
  dependents(ownerUid: string, kind?: string): KubeObject[] {
    const out: KubeObject[] = []
    for (const { obj } of this.dependentsByOwner.slots(ownerUid))
      if (kind === undefined || obj.kind === kind) out.push(obj)
    return out
  }

  /** Whether some object naming `ownerUid` satisfies `test`; stops at the first that does. */
  hasDependent(ownerUid: string, test: (dependent: KubeObject) => boolean): boolean {
    for (const { obj } of this.dependentsByOwner.slots(ownerUid)) if (test(obj)) return true
    return false
  }

  /** Indexes a new object, in its slot. */
  added(slot: Slot): void {
    const meta = slot.obj.metadata
    this.byUid.set(meta.uid!, slot)
    this.own(meta.uid!, meta.ownerReferences, slot)
    this.byNode.added(slot)
  }

  /** `slot` now holds a replacement of `before` (same uid): only changed owners move. */
  replaced(before: KubeObject, slot: Slot): void {
    this.byNode.replaced(before, slot)
    const beforeOwners = before.metadata.ownerReferences
    const afterOwners = slot.obj.metadata.ownerReferences
    if (beforeOwners === afterOwners) return
    // By uid: it is on the object already, where a kind/namespace/name key is built per write.
    const uid = slot.obj.metadata.uid!
    this.disown(uid, beforeOwners)
    this.own(uid, afterOwners, slot)
  }

  removed(obj: KubeObject): void {
    const uid = obj.metadata.uid!
    this.byUid.delete(uid)
    this.disown(uid, obj.metadata.ownerReferences)
    this.byNode.removed(obj)
  }

  private own(uid: string, owners: readonly OwnerReference[] | undefined, slot: Slot): void {
    for (const ref of owners ?? []) this.dependentsByOwner.add(ref.uid, uid, slot)
  }

  private disown(uid: string, owners: readonly OwnerReference[] | undefined): void {
    for (const ref of owners ?? []) this.dependentsByOwner.delete(ref.uid, uid)
  }
}
