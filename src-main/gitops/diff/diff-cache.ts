import type { ResourceDiffView } from '../../shared/dto'
import type { Manifest } from '../manifest/types'

interface Entry {
  desired: Manifest
  liveVersion: string | undefined
  view: ResourceDiffView
}

/**
 * Each resource's last diff, kept while neither side changed: what Git
 * declares (the parse cache hands back the same objects for files a commit
 * did not touch) and the live object (its resourceVersion). A commit that
 * changes one file of a 10,000-object app diffs one object again, not all.
 */
export class DiffCache {
  private entries = new Map<string, Entry>()
  private seen = new Set<string>()

  /** The diff kept for `key` if `desired` declares the same and the live object did not move. */
  get(
    key: string,
    desired: Manifest,
    liveVersion: string | undefined,
  ): ResourceDiffView | undefined {
    this.seen.add(key)
    const entry = this.entries.get(key)
    if (!entry || entry.liveVersion !== liveVersion || !sameDeclaration(entry.desired, desired))
      return undefined
    return entry.view
  }

  set(
    key: string,
    desired: Manifest,
    liveVersion: string | undefined,
    view: ResourceDiffView,
  ): void {
    this.seen.add(key)
    this.entries.set(key, { desired, liveVersion, view })
  }

  /** Forgets resources no comparison asked about since the last call: gone from Git or the cluster. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.seen.has(key)) this.entries.delete(key)
    this.seen = new Set()
  }
}

/**
 * Whether two desired objects declare the same: every field but metadata the
 * same object (parsed objects are shared and never changed), and the metadata
 * that a rendering rebuilds (name, namespace, labels, annotations) equal.
 */
function sameDeclaration(a: Manifest, b: Manifest): boolean {
  if (a === b) return true
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (key === 'metadata') continue
    if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false
  }
  const [ma, mb] = [a.metadata, b.metadata]
  const metaKeys = Object.keys(ma)
  if (metaKeys.length !== Object.keys(mb).length) return false
  for (const key of metaKeys) {
    const va = ma[key]
    const vb = mb[key]
    if (va === vb) continue
    if (!sameStrings(va, vb)) return false
  }
  return true
}

function sameStrings(a: unknown, b: unknown): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k])
}
