import type { TreeEntry, TreeListings } from '../tree-listing'
import { EMPTY_TREE } from './tree-edit'

export interface FileVersion {
  oid: string
  /** `100644`, `100755`, `120000` or `160000`. */
  mode: string
}

/** A file that differs between two trees: absent on one side when added or deleted. */
export interface FileChange {
  /** From the repository root. */
  path: string
  before?: FileVersion
  after?: FileVersion
}

/**
 * The files that differ between two trees (either may be undefined: nothing
 * there), as `git diff --raw` lists them without rename detection. Subtrees
 * with the same oid are skipped unread. `prefix` is prepended to every path.
 */
export function diffTrees(
  trees: TreeListings,
  before: string | undefined,
  after: string | undefined,
  prefix = '',
): FileChange[] {
  const changes: FileChange[] = []
  walk(trees, before, after, prefix, changes)
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function walk(
  trees: TreeListings,
  before: string | undefined,
  after: string | undefined,
  prefix: string,
  out: FileChange[],
): void {
  if (before === after) return
  const a = entriesOf(trees, before)
  const b = entriesOf(trees, after)
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(name)
    const y = b.get(name)
    if (x && y && x.oid === y.oid && x.mode === y.mode) continue
    const path = prefix + name
    const xTree = x?.mode === '040000' ? x.oid : undefined
    const yTree = y?.mode === '040000' ? y.oid : undefined
    if (xTree || yTree) walk(trees, xTree, yTree, path + '/', out)
    const xFile = x && !xTree ? { oid: x.oid, mode: x.mode } : undefined
    const yFile = y && !yTree ? { oid: y.oid, mode: y.mode } : undefined
    if (xFile || yFile) out.push({ path, before: xFile, after: yFile })
  }
}

function entriesOf(trees: TreeListings, oid: string | undefined): Map<string, TreeEntry> {
  if (!oid || oid === EMPTY_TREE) return new Map()
  return new Map(trees.entries(oid).map((e) => [e.name, e]))
}
