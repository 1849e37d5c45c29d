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
  private readonly entries = new Map<string, { parsed: ParsedFile; sizeBytes: number }>()
  private totalBytes = 0
  hits = 0
  misses = 0

  private readonly maxBytes: number

  constructor(private readonly options: ParseCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024
  }

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
    if (sizeBytes > this.maxBytes) return
    if (this.options.freeze) deepFreeze(parsed)
    const key = `${oid}:${path}`
    const old = this.entries.get(key)
    if (old) {
      this.totalBytes -= old.sizeBytes
      this.entries.delete(key)
    }
    this.entries.set(key, { parsed, sizeBytes })
    this.totalBytes += sizeBytes
    for (const [k, e] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break
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

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const v of Object.values(value)) deepFreeze(v)
}
