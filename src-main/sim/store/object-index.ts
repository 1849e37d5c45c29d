import type { KubeObject } from '../api/meta'

/**
 * Objects by uid, and the owner index: owner uid → the objects that name it in
 * `ownerReferences`. Dependents stay indexed under a removed owner's uid: the
 * garbage collector finds them there.
 */
export class ObjectIndex {
  private readonly byUid = new Map<string, KubeObject>()
  private readonly dependentsByOwner = new Map<string, Map<string, KubeObject>>()

  getByUid(uid: string): KubeObject | undefined {
    return this.byUid.get(uid)
  }

  /** The objects naming `ownerUid`, in creation order. */
  dependents(ownerUid: string, kind?: string): KubeObject[] {
    const objects = this.dependentsByOwner.get(ownerUid)
    if (!objects) return []
    const out: KubeObject[] = []
    for (const obj of objects.values()) if (kind === undefined || obj.kind === kind) out.push(obj)
    return out
  }

  /** Whether some object naming `ownerUid` satisfies `test`; stops at the first that does. */
  hasDependent(ownerUid: string, test: (dependent: KubeObject) => boolean): boolean {
    const objects = this.dependentsByOwner.get(ownerUid)
    if (objects) for (const obj of objects.values()) if (test(obj)) return true
    return false
  }

  /** Moves the indexes from `before` to `after` (either may be missing: a create or a removal). */
  update(before: KubeObject | undefined, after: KubeObject | undefined): void {
    const obj = (after ?? before)!
    if (after) this.byUid.set(after.metadata.uid!, after)
    else this.byUid.delete(obj.metadata.uid!)
    const beforeOwners = before?.metadata.ownerReferences
    const afterOwners = after?.metadata.ownerReferences
    if (!beforeOwners && !afterOwners) return
    // By uid: it is on the object already, where a kind/namespace/name key is built per write.
    const key = obj.metadata.uid!
    if (beforeOwners && beforeOwners !== afterOwners) {
      for (const ref of beforeOwners) {
        const objects = this.dependentsByOwner.get(ref.uid)
        objects?.delete(key)
        if (objects?.size === 0) this.dependentsByOwner.delete(ref.uid)
      }
    }
    if (after && afterOwners) {
      for (const ref of afterOwners) {
        let objects = this.dependentsByOwner.get(ref.uid)
        if (!objects) this.dependentsByOwner.set(ref.uid, (objects = new Map()))
        objects.set(key, after)
      }
    }
  }
}
