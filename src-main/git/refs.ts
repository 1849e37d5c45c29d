import fs from 'node:fs'
import path from 'node:path'
import { CorruptRepositoryError } from './errors'

const SHA = /^[0-9a-f]{40}$/
const SYMREF_DEPTH_MAX = 5

/**
 * What a ref file says, read as git reads it: the loose file under the git
 * directory first, then `packed-refs`; symbolic refs (`ref: refs/heads/main`)
 * are followed. Undefined when the ref does not exist; a file that holds
 * neither a sha nor a symbolic ref is reported as damage, not as absence.
 */
export function readRef(gitdir: string, name: string, depth = 0): string | undefined {
  const content = readLoose(gitdir, name)
  if (content === undefined) return readPacked(gitdir, name)
  if (SHA.test(content)) return content
  if (content.startsWith('ref: ') && depth < SYMREF_DEPTH_MAX)
    return readRef(gitdir, content.slice(5).trim(), depth + 1)
  throw new CorruptRepositoryError(
    `${path.join(gitdir, name)} holds ${JSON.stringify(content.slice(0, 60))}, not a commit sha: ` +
      `repair it (write the right sha into it, or delete it and run "git fsck")`,
    name,
  )
}

/** HEAD as written: the branch it names, or the sha of a detached HEAD. */
export function readHead(gitdir: string): { branch: string } | { detached: string } {
  const content = readLoose(gitdir, 'HEAD')
  if (content?.startsWith('ref: refs/heads/')) return { branch: content.slice(16).trim() }
  if (content !== undefined && SHA.test(content)) return { detached: content }
  throw new CorruptRepositoryError(
    `${path.join(gitdir, 'HEAD')} holds ${JSON.stringify((content ?? '').slice(0, 60))}, ` +
      `neither a branch nor a sha: write "ref: refs/heads/main" (or your branch) into it`,
    'HEAD',
  )
}

function readLoose(gitdir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(gitdir, name), 'utf8').trim()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined
    throw e
  }
}

function readPacked(gitdir: string, name: string): string | undefined {
  const text = readLoose(gitdir, 'packed-refs')
  if (text === undefined) return undefined
  for (const line of text.split('\n')) {
    if (line.length > 41 && line.charCodeAt(40) === 32 && line.slice(41).trimEnd() === name) {
      const sha = line.slice(0, 40)
      return SHA.test(sha) ? sha : undefined
    }
  }
  return undefined
}
