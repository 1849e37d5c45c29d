import type { ParsedFile } from '../manifest/parse'

export interface ParseCacheOptions {
  /** How much manifest text the cached results may stand for, in all. */
  maxBytes: number
}

/**
 * Parsed files by blob id and path: a file that did not change between two
 * commits is neither read nor parsed again. Least recently used entries go first
 * once the text they stand for passes `maxBytes`. Cached objects are shared
 * between renders: whoever changes one must copy it first (normaliseDesired does).
 */
export class ParseCache {
  private readonly entries = new Map<string, { parsed: ParsedFile; sizeBytes: number }>()
  private totalBytes = 0
  hits = 0
  misses = 0

  constructor(readonly options: ParseCacheOptions = { maxBytes: 256 * 1024 * 1024 }) {}

  get(oid: string, path: string): ParsedFile | undefined {
    const key = `${oid}:${path}`
    const entry = this.entries.get(key)
    if (!entry) {
      this.misses++
      return undefined
    }
    this.hits++
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.parsed
  }

  set(oid: string, path: string, parsed: ParsedFile, sizeBytes: number): void {
    if (sizeBytes > this.options.maxBytes) return
    const key = `${oid}:${path}`
    const old = this.entries.get(key)
    if (old) {
      this.totalBytes -= old.sizeBytes
      this.entries.delete(key)
    }
    this.entries.set(key, { parsed, sizeBytes })
    this.totalBytes += sizeBytes
    for (const [k, e] of this.entries) {
      if (this.totalBytes <= this.options.maxBytes) break
      this.entries.delete(k)
      this.totalBytes -= e.sizeBytes
    }
  }

  get sizeBytes(): number {
    return this.totalBytes
  }

  get size(): number {
    return this.entries.size
  }
}
