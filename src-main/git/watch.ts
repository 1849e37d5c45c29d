import fs from 'node:fs'
import path from 'node:path'

export interface WatchOptions {
  /**
   * Coalesces the burst of file events one `git commit` makes. Short: a check
   * that comes before the branch moved costs a read of the refs, and the
   * branch's own event brings another.
   */
  debounceMs?: number
  /** A slow poll in case the file system drops an event (network drives, some containers). */
  pollMs?: number
  /** How often a folder that went away is looked for again to be watched anew; default `pollMs`. */
  rearmMs?: number
}

interface Watched {
  target: string
  recursive: boolean
  watcher?: fs.FSWatcher
  /** The folder's inode and birth time when armed: a folder deleted and made again needs a new watcher. */
  identity?: string
}

/**
 * Calls `onChange` soon after anything under the refs can have moved: HEAD,
 * packed-refs, ORIG_HEAD and FETCH_HEAD, a lock file appearing or going, or a
 * branch file under refs/heads (written by commit, pull, reset, amend, a
 * branch switch, a force-update). The caller re-reads the branch tip and
 * decides whether it changed, so spurious calls are harmless. The poll also
 * re-arms a watcher whose folder went away and came back (a repository
 * deleted and cloned again), and calls `onChange` itself.
 */
export function watchRefs(
  gitdir: string,
  onChange: () => void,
  options: WatchOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 3
  const pollMs = options.pollMs ?? 2000
  let timer: NodeJS.Timeout | undefined
  let closed = false
  const fire = (): void => {
    if (timer || closed) return
    timer = setTimeout(() => {
      timer = undefined
      if (!closed) onChange()
    }, debounceMs)
  }
  const watched: Watched[] = [
    { target: gitdir, recursive: false },
    { target: path.join(gitdir, 'refs', 'heads'), recursive: true },
  ]
  /** Arms each folder not watched yet, or made again since it was (then the refs may have moved: fire). */
  const arm = (): void => {
    for (const w of watched) {
      const ino = identity(w.target)
      if (w.watcher && ino === w.identity) continue
      if (w.identity !== undefined && ino !== undefined) fire()
      w.watcher?.close()
      w.watcher = undefined
      if (ino === undefined) continue
      try {
        const drop = (): void => {
          watcher.close()
          if (w.watcher === watcher) w.watcher = undefined
        }
        const watcher = fs.watch(w.target, { recursive: w.recursive, persistent: false }, () => {
          // The folder itself deleted: this watcher sees nothing more, even if a
          // new folder reuses its inode; the next re-arm makes a new one.
          if (!fs.existsSync(w.target)) drop()
          fire()
        })
        watcher.on('error', drop)
        w.watcher = watcher
        w.identity = ino
      } catch {
        /* not there yet, or gone again: the next poll tries once more */
      }
    }
  }
  arm()
  const poll = setInterval(onChange, pollMs)
  const rearm = setInterval(arm, options.rearmMs ?? pollMs)
  poll.unref()
  rearm.unref()
  return () => {
    closed = true
    clearInterval(poll)
    clearInterval(rearm)
    if (timer) clearTimeout(timer)
    for (const w of watched) w.watcher?.close()
  }
}

function identity(target: string): string | undefined {
  try {
    const stat = fs.statSync(target)
    return `${stat.ino}:${stat.birthtimeMs}`
  } catch {
    return undefined
  }
}
