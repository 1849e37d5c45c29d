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
  return execFileSync('git', args, {
    cwd: dir,
    env: gitEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim()
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
