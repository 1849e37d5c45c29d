import fs from 'node:fs'
import path from 'node:path'

export interface WatchOptions {
  /** Coalesces the burst of file events one `git commit` makes. */
  debounceMs?: number
  /** A slow poll in case the file system drops an event (network drives, some containers). */
  pollMs?: number
}

/**
 * Calls `onChange` soon after anything under the refs can have moved: HEAD,
 * packed-refs, or a branch file under refs/heads (written by commit, pull, reset,
 * amend, a force-update). The caller re-reads the branch tip and decides whether it
 * changed, so spurious calls are harmless.
 */
export function watchRefs(
  gitdir: string,
  onChange: () => void,
  options: WatchOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 15
  const pollMs = options.pollMs ?? 2000
  let timer: NodeJS.Timeout | undefined
  const fire = (): void => {
    if (timer) return
    timer = setTimeout(() => {
      timer = undefined
      onChange()
    }, debounceMs)
  }
  const watchers: fs.FSWatcher[] = []
  const tryWatch = (target: string, recursive: boolean): void => {
    try {
      const watcher = fs.watch(target, { recursive, persistent: false }, (_event, file) => {
        if (file === null || !String(file).endsWith('.lock')) fire()
      })
      watcher.on('error', () => undefined)
      watchers.push(watcher)
    } catch {
      /* the folder may not exist yet; the poll covers it */
    }
  }
  tryWatch(gitdir, false)
  tryWatch(path.join(gitdir, 'refs', 'heads'), true)
  const poll = setInterval(onChange, pollMs)
  poll.unref()
  return () => {
    clearInterval(poll)
    if (timer) clearTimeout(timer)
    for (const w of watchers) w.close()
  }
}
