import type { ParsedFile } from '../manifest/parse'

export interface ParseCacheOptions {
  /** How much manifest text the cached results may stand for, in all (default 256 MiB). */
  maxBytes?: number
  /**
   * Deep-freezes what is cached, so code that changes a shared object in place
   * fails loudly (the host turns it on in strict mode, as the simulation does).
   */
  freeze?: boolean
}

/**
 * Parsed files by blob id and path: a file that did not change between two
 * commits is neither read nor parsed again. Least recently used entries go first
 * once the text they stand for passes `maxBytes`. Cached objects are shared
 * between renders and with what normaliseDesired returns: they are read-only.
 */
export class ParseCache {
  /** Blob id → path → entry: no key string to build on each of 10,000 lookups. */
  private readonly entries = new Map<string, Map<string, Entry>>()
  private totalBytes = 0
  private count = 0
  /** A counter, not a clock: which entries were used last. */
  private uses = 0
  hits = 0
  misses = 0

  private readonly maxBytes: number

  constructor(private readonly options: ParseCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024
  }

  get(oid: string, path: string): ParsedFile | undefined {
    const entry = this.entries.get(oid)?.get(path)
    if (!entry) {
      this.misses++
      return undefined
    }
    this.hits++
    entry.usedAt = ++this.uses
    return entry.parsed
  }

  set(oid: string, path: string, parsed: ParsedFile, sizeBytes: number): void {
    if (sizeBytes > this.maxBytes) return
    if (this.options.freeze) deepFreeze(parsed)
    let byPath = this.entries.get(oid)
    if (!byPath) this.entries.set(oid, (byPath = new Map()))
    const old = byPath.get(path)
    if (old) this.totalBytes -= old.sizeBytes
    else this.count++
    byPath.set(path, { parsed, sizeBytes, usedAt: ++this.uses })
    this.totalBytes += sizeBytes
    if (this.totalBytes > this.maxBytes) this.evict()
  }

  /** Drops the least recently used entries until what is kept fits again (rare: a sort is fine). */
  private evict(): void {
    const all: [string, string, Entry][] = []
    for (const [oid, byPath] of this.entries)
      for (const [path, entry] of byPath) all.push([oid, path, entry])
    all.sort((a, b) => a[2].usedAt - b[2].usedAt)
    for (const [oid, path, entry] of all) {
      if (this.totalBytes <= this.maxBytes) break
      const byPath = this.entries.get(oid)!
      byPath.delete(path)
      if (byPath.size === 0) this.entries.delete(oid)
      this.totalBytes -= entry.sizeBytes
      this.count--
    }
  }

  get sizeBytes(): number {
    return this.totalBytes
  }

  get size(): number {
    return this.count
  }
}

interface Entry {
  parsed: ParsedFile
  sizeBytes: number
  usedAt: number
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const v of Object.values(value)) deepFreeze(v)
}
