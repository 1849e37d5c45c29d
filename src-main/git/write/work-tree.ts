import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import type { ObjectDatabase } from '../objects/object-db'
import type { TreeListings } from '../tree-listing'
import { readIndex, type IndexEntry } from './index-file'
import type { FileChange, FileVersion } from './tree-diff'

export interface LocalChange {
  path: string
  /** Two letters as `git status --short` prints them: ` M`, `M `, `A `, ` D`, `??`, `UU`… */
  status: string
}

export interface LocalChangesQuery {
  dir: string
  gitdir: string
  trees: TreeListings
  /** The tree of the branch tip the index and work tree are compared with. */
  tipTree: string
  /** Folders or files whose tracked changes count ('' for the whole work tree). */
  scope: readonly string[]
  /** Paths about to be written: an untracked file at one, above one or below one is in the way. */
  writes: readonly string[]
}

/**
 * Uncommitted changes as `git status --short` names them: tracked files under
 * `scope` staged or changed in the work tree, and untracked files in the way
 * of `writes`. Read from the index and the files' stat data (a file whose stat
 * data differs from the index, or was written in the same second as the
 * index, is hashed), so a large work tree costs little.
 */
export function localChanges(query: LocalChangesQuery): LocalChange[] {
  const { dir, trees, tipTree, scope } = query
  const inScope = (p: string): boolean =>
    scope.some((s) => s === '' || p === s || p.startsWith(s + '/'))
  const index = readIndex(query.gitdir)
  const head = new Map<string, FileVersion>()
  for (const s of scope) {
    const entry = trees.find(tipTree, s)
    if (entry?.mode === '040000')
      for (const f of trees.files(entry.oid, s ? s + '/' : '')) head.set(f.path, f)
    else if (entry && entry.mode !== '160000') head.set(s, entry)
  }
  const changes = new Map<string, string>()
  const indexed = new Set<string>()
  for (const entry of index.entries) {
    indexed.add(entry.path)
    if (!inScope(entry.path) || entry.mode === '160000') continue
    if (entry.stage > 0) {
      changes.set(entry.path, 'UU')
      continue
    }
    if (entry.intentToAdd) {
      changes.set(entry.path, ' A')
      continue
    }
    const before = head.get(entry.path)
    const staged = !before
      ? 'A'
      : before.oid !== entry.oid || before.mode !== entry.mode
        ? 'M'
        : ' '
    const unstaged = entry.skipWorktree ? ' ' : workTreeState(dir, entry, index.mtimeSeconds)
    if (staged !== ' ' || unstaged !== ' ') changes.set(entry.path, staged + unstaged)
  }
  for (const p of head.keys()) if (!indexed.has(p)) changes.set(p, 'D ')
  for (const p of untrackedInTheWay(dir, query.writes, indexed)) changes.set(p, '??')
  return [...changes]
    .map(([p, status]) => ({ path: p, status }))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
}

/** ` ` when the work tree file matches its index entry, `M` when it does not, `D` when it is gone. */
function workTreeState(dir: string, entry: IndexEntry, indexSeconds: number): ' ' | 'M' | 'D' {
  let stat: fs.BigIntStats
  try {
    stat = fs.lstatSync(path.join(dir, entry.path), { bigint: true })
  } catch {
    return 'D'
  }
  const symlink = entry.mode === '120000'
  if (stat.isSymbolicLink() !== symlink || (!symlink && !stat.isFile())) return 'M'
  if (!symlink && ((stat.mode & 0o100n) !== 0n) !== (entry.mode === '100755')) return 'M'
  const seconds = Number(stat.mtimeNs / 1_000_000_000n)
  const sameStat =
    seconds === entry.mtimeSeconds &&
    Number(stat.mtimeNs % 1_000_000_000n) === entry.mtimeNanoseconds &&
    Number(stat.size % 2n ** 32n) === entry.size &&
    Number(stat.ino % 2n ** 32n) === entry.ino
  // Racy git: a file changed in the second the index was written may keep its stat data.
  if (sameStat && entry.mtimeSeconds < indexSeconds) return ' '
  const full = path.join(dir, entry.path)
  const content = symlink ? Buffer.from(fs.readlinkSync(full)) : fs.readFileSync(full)
  return blobOid(content) === entry.oid ? ' ' : 'M'
}

function isFileOrLink(full: string): boolean {
  try {
    return !fs.lstatSync(full).isDirectory()
  } catch {
    return false // missing, or below a file (ENOTDIR)
  }
}

function blobOid(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/**
 * Untracked files in the way of writing `writes`: at a written path, at a
 * folder above one (it would have to become a folder), or inside a folder a
 * written file replaces.
 */
function untrackedInTheWay(
  dir: string,
  writes: readonly string[],
  indexed: ReadonlySet<string>,
): string[] {
  const found = new Set<string>()
  const visit = (p: string): void => {
    let stat: fs.Stats
    try {
      stat = fs.lstatSync(path.join(dir, p))
    } catch {
      return
    }
    if (!stat.isDirectory()) {
      if (!indexed.has(p)) found.add(p)
      return
    }
    for (const name of fs.readdirSync(path.join(dir, p))) visit(`${p}/${name}`)
  }
  for (const write of writes) {
    visit(write)
    for (let up = path.posix.dirname(write); up !== '.'; up = path.posix.dirname(up)) {
      if (!indexed.has(up) && isFileOrLink(path.join(dir, up))) found.add(up)
    }
  }
  return [...found]
}

/**
 * Makes the work tree and the index match `changes` as `git checkout` would:
 * deleted files go (and folders they leave empty), new and changed files are
 * written with their mode (executable, symlink), and their index entries are
 * taken from the files just written so their stat data is real and `git
 * status` has nothing to re-check. Submodules get an empty folder, as git
 * gives a submodule it has not cloned.
 */
export async function applyToWorkTree(
  dir: string,
  gitdir: string,
  objects: ObjectDatabase,
  changes: readonly FileChange[],
  /** Whether a path (file or folder) exists in the new tree. */
  inNewTree: (path: string) => boolean,
  /** The file system isomorphic-git writes the index through (see `indexInLock`). */
  gitFs: typeof fs = fs,
): Promise<void> {
  const written: string[] = []
  const removed = new Set<string>()
  for (const change of changes.filter((c) => !c.after)) {
    removeFile(dir, change.path)
    // Each call rewrites the whole index: a folder that goes as a whole goes in one.
    let gone = change.path
    for (
      let up = path.posix.dirname(gone);
      up !== '.' && !inNewTree(up);
      up = path.posix.dirname(up)
    )
      gone = up
    removed.add(gone)
  }
  for (const filepath of removed) await git.remove({ fs: gitFs, dir, gitdir, filepath })
  for (const change of changes) {
    const after = change.after
    if (!after) continue
    const full = path.join(dir, change.path)
    fs.rmSync(full, { recursive: true, force: true })
    fs.mkdirSync(path.dirname(full), { recursive: true })
    if (after.mode === '160000') {
      fs.mkdirSync(full)
      await git.updateIndex({
        fs: gitFs,
        dir,
        gitdir,
        filepath: change.path,
        oid: after.oid,
        mode: 0o160000,
        add: true,
      })
      continue
    }
    const content = objects.readTyped(after.oid, 'blob')
    if (after.mode === '120000') fs.symlinkSync(content.toString('utf8'), full)
    else fs.writeFileSync(full, content, { mode: after.mode === '100755' ? 0o777 : 0o666 })
    written.push(change.path)
  }
  if (written.length > 0) await git.add({ fs: gitFs, dir, gitdir, filepath: written, force: true })
}

/** Deletes a file and then each folder it leaves empty, up to the work tree's top. */
function removeFile(dir: string, file: string): void {
  fs.rmSync(path.join(dir, file), { force: true })
  for (let folder = path.dirname(file); folder !== '.'; folder = path.dirname(folder)) {
    try {
      fs.rmdirSync(path.join(dir, folder))
    } catch {
      return
    }
  }
}
