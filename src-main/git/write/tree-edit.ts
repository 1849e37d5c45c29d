import fs from 'node:fs'
import git from 'isomorphic-git'
import type { TreeEntry, TreeListings } from '../tree-listing'

/** What goes at a path: a blob or a whole tree (mode `040000`), or nothing (removed). */
export type PathContent = { oid: string; mode: string } | undefined

/** The empty tree, which git knows without storing it. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

/**
 * Writes the trees of `root` with each path of `edits` set to its content
 * (slash-separated paths from the root; '' replaces the whole tree) and
 * returns the new root tree. Only the trees on an edited path are rewritten;
 * a folder left empty disappears, as git stores no empty trees.
 */
export async function editTree(
  gitdir: string,
  trees: TreeListings,
  root: string,
  edits: ReadonlyMap<string, PathContent>,
): Promise<string> {
  const whole = edits.get('')
  if (edits.has('')) return whole?.oid ?? EMPTY_TREE
  const written = await editFolder(gitdir, trees, root, edits, '')
  return written ?? (await writeTree(gitdir, []))
}

async function editFolder(
  gitdir: string,
  trees: TreeListings,
  treeOid: string | undefined,
  edits: ReadonlyMap<string, PathContent>,
  prefix: string,
): Promise<string | undefined> {
  const entries = new Map<string, TreeEntry>()
  if (treeOid && treeOid !== EMPTY_TREE)
    for (const e of trees.entries(treeOid)) entries.set(e.name, e)
  // The edits below this folder, grouped by the name of its child they fall in.
  const byChild = new Map<string, string[]>()
  for (const p of edits.keys()) {
    if (!p.startsWith(prefix)) continue
    const rest = p.slice(prefix.length)
    const slash = rest.indexOf('/')
    const name = slash < 0 ? rest : rest.slice(0, slash)
    byChild.set(name, [...(byChild.get(name) ?? []), p])
  }
  for (const [name, paths] of byChild) {
    const own = prefix + name
    let entry: TreeEntry | undefined = entries.get(name)
    if (edits.has(own)) {
      const content = edits.get(own)
      entry = content && { name, mode: content.mode, oid: content.oid }
    }
    if (paths.some((p) => p !== own)) {
      const below = entry?.mode === '040000' ? entry.oid : undefined
      const oid = await editFolder(gitdir, trees, below, edits, own + '/')
      entry = oid ? { name, mode: '040000', oid } : undefined
    }
    if (entry) entries.set(name, entry)
    else entries.delete(name)
  }
  if (entries.size === 0) return undefined
  return writeTree(gitdir, [...entries.values()])
}

function writeTree(gitdir: string, entries: TreeEntry[]): Promise<string> {
  return git.writeTree({
    fs,
    gitdir,
    tree: entries.map((e) => ({
      mode: e.mode,
      path: e.name,
      oid: e.oid,
      type: e.mode === '040000' ? 'tree' : e.mode === '160000' ? 'commit' : 'blob',
    })),
  })
}
