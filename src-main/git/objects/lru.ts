/**
 * A map that forgets its least recently used entries once their summed size
 * passes `capacity` (bytes, entries: whatever unit `sizeOf` counts).
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>()
  private total = 0

  constructor(
    private readonly capacity: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: K): V | undefined {
    const value = this.map.get(key)
    if (value === undefined) return undefined
    this.map.delete(key)
    this.map.set(key, value)
    return value
  }

  set(key: K, value: V): void {
    const old = this.map.get(key)
    if (old !== undefined) {
      this.total -= this.sizeOf(old)
      this.map.delete(key)
    }
    const size = this.sizeOf(value)
    if (size > this.capacity) return
    this.map.set(key, value)
    this.total += size
    for (const [k, v] of this.map) {
      if (this.total <= this.capacity) break
      this.map.delete(k)
      this.total -= this.sizeOf(v)
    }
  }

  clear(): void {
    this.map.clear()
    this.total = 0
  }
}
