import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import type { ObjectDatabase } from '../objects/object-db'
import type { FileChange } from './tree-diff'

/** git status --short's letters for each isomorphic-git status row (HEAD, WORKDIR, STAGE). */
const statusLetters: Record<string, string> = {
  '003': 'AD',
  '020': '??',
  '022': 'A ',
  '023': 'AM',
  '100': 'D ',
  '101': ' D',
  '103': 'MD',
  '110': 'D ',
  '113': 'MM',
  '120': 'D ',
  '121': ' M',
  '122': 'M ',
  '123': 'MM',
}

export interface LocalChange {
  path: string
  /** Two letters as `git status --short` prints them: ` M`, `M `, `A `, ` D`, `??`… */
  status: string
}

/**
 * Uncommitted changes to the files and folders `paths` name ('' for the whole
 * work tree), staged or not, compared with `tipSha`; untracked files are
 * listed too (ignored ones are not). The index is only read.
 */
export async function localChanges(
  dir: string,
  gitdir: string,
  tipSha: string,
  paths: readonly string[],
): Promise<LocalChange[]> {
  if (paths.length === 0) return []
  const rows = await git.statusMatrix({
    fs,
    dir,
    gitdir,
    ref: tipSha,
    filepaths: paths.includes('') ? undefined : [...paths],
    refresh: false,
  })
  const changes: LocalChange[] = []
  for (const [file, head, workdir, stage] of rows) {
    const key = `${head}${workdir}${stage}`
    if (key === '111') continue
    changes.push({ path: file, status: statusLetters[key] ?? 'M ' })
  }
  return changes
}

/**
 * Whether an untracked file at `file` is in the way of `changes`: the change
 * writes that very path, writes below it (it would have to become a folder),
 * or replaces a folder holding it by a file.
 */
export function untrackedInTheWay(file: string, changes: readonly FileChange[]): boolean {
  return changes.some(
    (c) =>
      c.after !== undefined &&
      (c.path === file || c.path.startsWith(file + '/') || file.startsWith(c.path + '/')),
  )
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
  for (const filepath of removed) await git.remove({ fs, dir, gitdir, filepath })
  for (const change of changes) {
    const after = change.after
    if (!after) continue
    const full = path.join(dir, change.path)
    fs.rmSync(full, { recursive: true, force: true })
    fs.mkdirSync(path.dirname(full), { recursive: true })
    if (after.mode === '160000') {
      fs.mkdirSync(full)
      await git.updateIndex({
        fs,
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
  if (written.length > 0) await git.add({ fs, dir, gitdir, filepath: written, force: true })
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
