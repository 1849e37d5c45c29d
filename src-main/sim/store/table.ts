import type { KubeObject } from '../api/meta'

/**
 * The objects of one kind, by namespace then name: a lookup builds no key
 * string, and listing one namespace touches only that namespace.
 */
export class KindTable {
  private readonly namespaces = new Map<string, Map<string, KubeObject>>()
  private count = 0

  get size(): number {
    return this.count
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.namespaces.get(namespace)?.get(name)
  }

  /** Adds or replaces; a replaced object keeps its place in the order. */
  set(namespace: string, name: string, obj: KubeObject): void {
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
    if (!obj) return undefined
    names!.delete(name)
    this.count--
    return obj
  }

  *values(namespace?: string): IterableIterator<KubeObject> {
    if (namespace !== undefined) {
      const names = this.namespaces.get(namespace)
      if (names) yield* names.values()
      return
    }
    for (const names of this.namespaces.values()) yield* names.values()
  }
}
