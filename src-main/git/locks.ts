import fs from 'node:fs'
import path from 'node:path'
import { LockedError } from './errors'

export interface LeftLock {
  /** Relative to the git directory: `index.lock`, `HEAD.lock`, `refs/heads/main.lock`. */
  file: string
  ageMs: number
}

/**
 * Git's lock files present now: those beside HEAD and the index (index.lock,
 * HEAD.lock, packed-refs.lock, config.lock…) and those of branches. A git
 * command holds one for milliseconds; one that stays was left by a command
 * that crashed or was killed, or belongs to a commit whose message editor is
 * still open.
 */
export function findLocks(gitdir: string, nowMs: number = Date.now()): LeftLock[] {
  const locks: LeftLock[] = []
  const visit = (folder: string, recurse: boolean): void => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(path.join(gitdir, folder), { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const rel = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (recurse) visit(rel, true)
      } else if (entry.name.endsWith('.lock')) {
        try {
          const ageMs = nowMs - fs.statSync(path.join(gitdir, rel)).mtimeMs
          locks.push({ file: rel, ageMs: Math.max(0, ageMs) })
        } catch {
          /* gone meanwhile: the command finished */
        }
      }
    }
  }
  visit('', false)
  visit('refs/heads', true)
  return locks.sort((a, b) => (a.file < b.file ? -1 : 1))
}

/**
 * A LockedError for the locks older than `staleAfterMs`, or undefined. The
 * message names each file and says what to do, in the words git uses when it
 * meets one.
 */
export function staleLockError(
  dir: string,
  gitdir: string,
  locks: readonly LeftLock[],
  staleAfterMs: number,
): LockedError | undefined {
  const stale = locks.filter((l) => l.ageMs >= staleAfterMs)
  if (stale.length === 0) return undefined
  const files = stale.map((l) => `${path.join(gitdir, l.file)} (${describeAge(l.ageMs)} old)`)
  return new LockedError(
    `git's lock file${stale.length > 1 ? 's' : ''} ${files.join(', ')} ${stale.length > 1 ? 'are' : 'is'} still there: ` +
      `another git process seems to be running in ${dir}, or one crashed. If none is running ` +
      `(a commit whose message editor is open counts as running), remove the file; ` +
      `Drydock reads the branch again once it is gone.`,
    stale.map((l) => l.file),
  )
}

function describeAge(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 120) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`
}
