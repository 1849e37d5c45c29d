import type { Slot } from './slot'

/**
 * Slots filed under keys (an owner's uid, a node's name), each group by the
 * object's uid, in the order filed: the store's indexes of objects by what
 * they point at. By uid, a string every version of an object carries, so
 * filing one builds and hashes no key.
 */
export class SlotGroups {
  private readonly groups = new Map<string, Map<string, Slot>>()

  add(key: string, uid: string, slot: Slot): void {
    let group = this.groups.get(key)
    if (!group) this.groups.set(key, (group = new Map()))
    group.set(uid, slot)
  }

  delete(key: string, uid: string): void {
    const group = this.groups.get(key)
    group?.delete(uid)
    if (group?.size === 0) this.groups.delete(key)
  }

  /** The slots filed under `key`, in the order filed. */
  slots(key: string): IterableIterator<Slot> | readonly Slot[] {
    return this.groups.get(key)?.values() ?? NONE
  }
}

const NONE: readonly Slot[] = []
