import fs from 'node:fs'
import path from 'node:path'
import { formatSignature, type Signature } from '../objects/commit-text'

/**
 * Appends a reflog entry as git does (`<old> <new> <who> <when>\t<message>`),
 * to the ref's log and to HEAD's when HEAD points at the ref. A repository
 * without reflogs (bare, or core.logAllRefUpdates off) gets none: only logs
 * that already exist, or a work tree's, are written.
 */
export function appendReflog(options: {
  gitdir: string
  ref: string
  alsoHead: boolean
  hasWorkTree: boolean
  oldSha: string
  newSha: string
  committer: Signature
  message: string
}): void {
  const line = `${options.oldSha} ${options.newSha} ${formatSignature(options.committer)}\t${options.message.replace(/\n/g, ' ')}\n`
  const logs = [options.ref, ...(options.alsoHead ? ['HEAD'] : [])]
  for (const ref of logs) {
    const file = path.join(options.gitdir, 'logs', ref)
    if (!options.hasWorkTree && !fs.existsSync(file)) continue
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.appendFileSync(file, line)
  }
}
