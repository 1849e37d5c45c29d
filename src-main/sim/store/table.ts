import type { KubeObject } from '../api/meta'
import type { KeptObjects } from './kept-objects'

/**
 * The objects of one kind, by namespace then name: a lookup builds no key
 * string, and listing one namespace touches only that namespace.
 */
export class KindTable {
  private readonly namespaces = new Map<string, Map<string, KubeObject>>()
  private count = 0
  /** The kind's objects its writer keeps (see `KeptObjects`), served after the table's own. */
  kept: KeptObjects | undefined

  get size(): number {
    return this.count + (this.kept?.size ?? 0)
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.namespaces.get(namespace)?.get(name) ?? this.kept?.get(namespace, name)
  }

  /** Whether the object of that name is one the kind's writer keeps. */
  isKept(namespace: string, name: string): boolean {
    return this.kept?.has(namespace, name) ?? false
  }

  /** Adds or replaces; a replaced object keeps its place in the order. */
  set(namespace: string, name: string, obj: KubeObject): void {
    // Written through the API, a kept object becomes the table's own.
    this.kept?.release(namespace, name)
    let names = this.namespaces.get(namespace)
    if (!names) this.namespaces.set(namespace, (names = new Map()))
    // One hash lookup, not two (`has` then `set`): every write of every object comes here.
    const before = names.size
    names.set(name, obj)
    this.count += names.size - before
  }

  delete(namespace: string, name: string): KubeObject | undefined {
    const names = this.namespaces.get(namespace)
    const obj = names?.get(name)
    if (!obj) return this.kept?.release(namespace, name)
    names!.delete(name)
    this.count--
    return obj
  }

  *values(namespace?: string): IterableIterator<KubeObject> {
    if (namespace !== undefined) {
      const names = this.namespaces.get(namespace)
      if (names) yield* names.values()
    } else {
      for (const names of this.namespaces.values()) yield* names.values()
    }
    if (this.kept) yield* this.kept.values(namespace)
  }
}
