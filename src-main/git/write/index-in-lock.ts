import fs from 'node:fs'
import path from 'node:path'

/**
 * A file system for isomorphic-git on which the repository's index is its
 * lock file: git's own way of changing the index (write `index.lock`, rename
 * it over `index`), where isomorphic-git would rewrite `index` in place. While
 * the lock is held, readers (`git status`) see the old index whole; a crash
 * leaves the old index and a lock file git names; the new one lands at once.
 * The lock starts as a copy of the index, so reads see the changes made so far.
 */
export function indexInLock(gitdir: string, lockPath: string): typeof fs {
  const indexPath = path.join(gitdir, 'index')
  if (fs.existsSync(indexPath)) fs.copyFileSync(indexPath, lockPath)
  const to = (p: unknown): unknown =>
    typeof p === 'string' && path.resolve(p) === indexPath ? lockPath : p
  const promises = fs.promises
  const redirected = {
    ...promises,
    readFile: (p: unknown, ...rest: unknown[]) =>
      (promises.readFile as (...a: unknown[]) => unknown)(to(p), ...rest),
    writeFile: (p: unknown, ...rest: unknown[]) =>
      (promises.writeFile as (...a: unknown[]) => unknown)(to(p), ...rest),
    stat: (p: unknown, ...rest: unknown[]) =>
      (promises.stat as (...a: unknown[]) => unknown)(to(p), ...rest),
    lstat: (p: unknown, ...rest: unknown[]) =>
      (promises.lstat as (...a: unknown[]) => unknown)(to(p), ...rest),
    unlink: (p: unknown, ...rest: unknown[]) =>
      (promises.unlink as (...a: unknown[]) => unknown)(to(p), ...rest),
  }
  return { ...fs, promises: redirected } as unknown as typeof fs
}
