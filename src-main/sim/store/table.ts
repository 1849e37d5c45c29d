import type { KubeObject } from '../api/meta'
import type { KeptObjects } from './kept-objects'
import type { Slot } from './slot'

/**
 * The objects of one kind, by namespace then name: a lookup builds no key
 * string, and listing one namespace touches only that namespace.
 */
export class KindTable {
  private readonly namespaces = new Map<string, Map<string, Slot>>()
  private count = 0
  /** The kind's objects its writer keeps (see `KeptObjects`), served after the table's own. */
  kept: KeptObjects | undefined

  get size(): number {
    return this.count + (this.kept?.size ?? 0)
  }

  /** How many objects the table holds itself, the kept ones aside. */
  get ownCount(): number {
    return this.count
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.namespaces.get(namespace)?.get(name)?.obj ?? this.kept?.get(namespace, name)
  }

  /** The table's own object of that name, not looking among the kept ones. */
  getOwn(namespace: string, name: string): KubeObject | undefined {
    return this.namespaces.get(namespace)?.get(name)?.obj
  }

  /** Whether the object of that name is one the kind's writer keeps. */
  isKept(namespace: string, name: string): boolean {
    return this.kept?.has(namespace, name) ?? false
  }

  /** Adds a new object in a slot of its own, at the end of the order. */
  add(namespace: string, name: string, obj: KubeObject): Slot {
    // Written through the API, a kept object becomes the table's own.
    this.kept?.release(namespace, name)
    let names = this.namespaces.get(namespace)
    if (!names) this.namespaces.set(namespace, (names = new Map()))
    const slot: Slot = { obj }
    names.set(name, slot)
    this.count++
    return slot
  }

  /** The slot of a stored object: the one a replacement goes into, keeping its place. */
  slot(namespace: string, name: string): Slot | undefined {
    return this.namespaces.get(namespace)?.get(name)
  }

  delete(namespace: string, name: string): KubeObject | undefined {
    const names = this.namespaces.get(namespace)
    const slot = names?.get(name)
    if (!slot) return this.kept?.release(namespace, name)
    names!.delete(name)
    this.count--
    return slot.obj
  }

  *values(namespace?: string): IterableIterator<KubeObject> {
    if (namespace !== undefined) {
      const names = this.namespaces.get(namespace)
      if (names) for (const slot of names.values()) yield slot.obj
    } else {
      for (const names of this.namespaces.values())
        for (const slot of names.values()) yield slot.obj
    }
    if (this.kept) yield* this.kept.values(namespace)
  }
}
