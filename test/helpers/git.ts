import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Identity and dates for commits made by tests, so no global git config is needed. */
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
}

/** Runs the real `git` CLI in `dir` and returns its trimmed output. */
export function git(dir: string, ...args: string[]): string {
  return gitWith(dir, {}, ...args)
}

/** Runs git with extra environment variables (dates, identities, an editor). */
export function gitWith(dir: string, env: Record<string, string>, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...gitEnv, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  }).trim()
}

/** Runs git with author and committer dates set to `timeSeconds` (UTC). */
export function gitAt(dir: string, timeSeconds: number, ...args: string[]): string {
  const date = `${timeSeconds} +0000`
  return gitWith(dir, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, ...args)
}

/** Feeds a `git fast-import` stream to the repository: thousands of commits in a second. */
export function fastImport(dir: string, stream: string): void {
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    env: gitEnv,
    input: stream,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  })
}

/**
 * A fast-import stream of `count` commits on `branch`, one a minute from
 * `startSeconds`, each changing one of `files` files (`apps/app-<n>/config.yaml`).
 */
export function linearHistoryStream(
  count: number,
  options: { branch?: string; files?: number; startSeconds?: number } = {},
): string {
  const branch = options.branch ?? 'main'
  const files = options.files ?? 100
  const start = options.startSeconds ?? 1_700_000_000
  const parts: string[] = []
  for (let i = 1; i <= count; i++) {
    const message = `Change ${i}\n\nSets n to ${i} in app ${i % files}.\n`
    const content = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${i % files}\ndata:\n  n: "${i}"\n`
    const when = `${start + i * 60} +0000`
    parts.push(
      `commit refs/heads/${branch}\nmark :${i}\n` +
        `author Test Author <author@example.com> ${when}\n` +
        `committer Test Author <author@example.com> ${when}\n` +
        `data ${Buffer.byteLength(message)}\n${message}` +
        (i > 1 ? `from :${i - 1}\n` : '') +
        `M 100644 inline apps/app-${i % files}/config.yaml\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    )
  }
  return parts.join('')
}

export function tempDir(prefix = 'drydock-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A fresh repository on branch main, with no commits. */
export function initRepo(): string {
  const dir = tempDir()
  git(dir, 'init', '-q', '-b', 'main')
  return dir
}

/** Writes files (path → content; null deletes) and commits them with the git CLI; returns the new sha. */
export function commitFiles(
  dir: string,
  files: Record<string, string | null>,
  message: string,
): string {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file)
    if (content === null) fs.rmSync(full, { force: true })
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true })
      fs.writeFileSync(full, content)
    }
  }
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--allow-empty', '-m', message)
  return git(dir, 'rev-parse', 'HEAD')
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
}
