import type { TreeFile } from '../gitops/ports'
import { Lru } from './objects/lru'
import type { ObjectDatabase } from './objects/object-db'

export interface TreeEntry {
  name: string
  /** Six digits, as isomorphic-git and `git ls-tree` print it: `100644`, `100755`, `120000`, `040000`, `160000`. */
  mode: string
  oid: string
}

/** Tree entries kept parsed: a 10,000-file repository holds about as many. */
const PARSED_ENTRIES_MAX = 1_000_000

/**
 * Reads trees and lists every file below one, keeping each tree parsed by its
 * oid. An oid names a tree's whole content, so a commit that changes one file
 * re-reads only the trees on that file's path: the rest come from the cache.
 */
export class TreeListings {
  private readonly parsed = new Lru<string, TreeEntry[]>(PARSED_ENTRIES_MAX, (e) => e.length + 1)

  /** Trees read from the object database so far (each oid once while cached). */
  treesRead = 0

  constructor(private readonly objects: ObjectDatabase) {}

  /** The entries of one tree, in git's order. */
  entries(treeOid: string): TreeEntry[] {
    let entries = this.parsed.get(treeOid)
    if (!entries) {
      entries = parseTree(this.objects.readTyped(treeOid, 'tree'))
      this.treesRead++
      this.parsed.set(treeOid, entries)
    }
    return entries
  }

  /**
   * Every file (blob or symlink; submodules are left out) under the tree, in
   * git's order, each path prefixed with `prefix`. Only trees not seen before
   * are read; the listing itself is one object per file.
   */
  files(treeOid: string, prefix = ''): TreeFile[] {
    const out: TreeFile[] = []
    this.collect(treeOid, prefix, out)
    return out
  }

  private collect(treeOid: string, prefix: string, out: TreeFile[]): void {
    for (const entry of this.entries(treeOid)) {
      if (entry.mode === '040000') this.collect(entry.oid, prefix + entry.name + '/', out)
      else if (entry.mode !== '160000')
        out.push({ path: prefix + entry.name, oid: entry.oid, mode: entry.mode })
    }
  }

  /** The entry at `path` (slash-separated, relative to the tree), or undefined. */
  find(treeOid: string, path: string): TreeEntry | undefined {
    let entry: TreeEntry | undefined = { name: '', mode: '040000', oid: treeOid }
    for (const part of path.split('/')) {
      if (part === '') continue
      if (entry.mode !== '040000') return undefined
      entry = this.entries(entry.oid).find((e) => e.name === part)
      if (!entry) return undefined
    }
    return entry
  }
}

/** gitformat: `<mode> <name>\0<20 raw bytes>`, repeated. */
export function parseTree(data: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = []
  let at = 0
  while (at < data.length) {
    const space = data.indexOf(0x20, at)
    const nul = data.indexOf(0, space)
    if (space < 0 || nul < 0 || nul + 21 > data.length) throw new Error('tree entry is truncated')
    const mode = normaliseMode(data.toString('latin1', at, space))
    entries.push({
      name: data.toString('utf8', space + 1, nul),
      mode,
      oid: data.toString('hex', nul + 1, nul + 21),
    })
    at = nul + 21
  }
  return entries
}

/** Git writes `40000` for trees and accepts a few old file modes; name them as `git ls-tree` does. */
function normaliseMode(raw: string): string {
  if (raw === '40000' || raw === '040000') return '040000'
  if (raw === '120000' || raw === '160000') return raw
  // A regular file's mode, as git's canon_mode reads it: executable when the owner may run it.
  return parseInt(raw, 8) & 0o100 ? '100755' : '100644'
}
