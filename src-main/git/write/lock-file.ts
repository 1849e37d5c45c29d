import fs from 'node:fs'
import path from 'node:path'
import { LockedError } from '../errors'

/**
 * Git's lock protocol (`<file>.lock`, created exclusively, renamed over the
 * file to commit): while Drydock holds one, git commands wait or refuse, and a
 * lock git holds makes Drydock refuse in git's own words.
 */
export class LockFile {
  private fd: number | undefined

  private constructor(
    readonly target: string,
    readonly lockPath: string,
    fd: number,
  ) {
    this.fd = fd
  }

  /** Takes the lock on `target` (an absolute path inside `gitdir`) or throws a LockedError. */
  static acquire(gitdir: string, target: string): LockFile {
    const lockPath = `${target}.lock`
    fs.mkdirSync(path.dirname(lockPath), { recursive: true })
    try {
      return new LockFile(target, lockPath, fs.openSync(lockPath, 'wx'))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      throw new LockedError(
        `Unable to create '${lockPath}': File exists. Another git process seems to be running ` +
          `in this repository; wait for it to finish. If none is running, one crashed earlier: ` +
          `remove the file to continue.`,
        [path.relative(gitdir, lockPath)],
      )
    }
  }

  /** Writes the new content of the file into the lock and renames it into place. */
  commit(content: string): void {
    const fd = this.fd!
    fs.writeSync(fd, content)
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    this.fd = undefined
    fs.renameSync(this.lockPath, this.target)
  }

  /** Renames the lock into place as it stands, written through its path by someone else (see `indexInLock`). */
  commitWritten(): void {
    fs.closeSync(this.fd!)
    this.fd = undefined
    const fd = fs.openSync(this.lockPath, 'r+')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(this.lockPath, this.target)
  }

  /** Gives the lock up without changing the file; safe to call after `commit`. */
  release(): void {
    if (this.fd === undefined) return
    fs.closeSync(this.fd)
    this.fd = undefined
    fs.rmSync(this.lockPath, { force: true })
  }
}
