import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BranchMissingError,
  CorruptRepositoryError,
  LockedError,
  RepositoryMissingError,
  SourceError,
} from '../../src-main/git/errors'
import { GitRepository } from '../../src-main/git/repository'
import { readSourceState, type SourceStateOptions } from '../../src-main/git/source-state'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

function repo(): { dir: string; first: string; second: string } {
  const dir = initRepo()
  made.push(dir)
  const first = commitFiles(dir, { 'apps/web/deploy.yaml': 'replicas: 1\n' }, 'First')
  const second = commitFiles(dir, { 'apps/web/deploy.yaml': 'replicas: 2\n' }, 'Second')
  return { dir, first, second }
}

async function state(dir: string, options: Partial<SourceStateOptions> = {}) {
  return readSourceState(await GitRepository.open(dir), { branch: 'main', ...options })
}

async function failure(dir: string, options: Partial<SourceStateOptions> = {}): Promise<Error> {
  const repository = await GitRepository.open(dir)
  return readSourceState(repository, { branch: 'main', ...options }).then(
    () => {
      throw new Error('expected a SourceError')
    },
    (e: Error) => e,
  )
}

describe('readSourceState: what happened to the synced commit', () => {
  it('tells new commits from a reset, an amend and a pruned rewrite', async () => {
    const { dir, first, second } = repo()
    expect((await state(dir, { syncedSha: second })).synced).toBe('same')
    expect((await state(dir, { syncedSha: first })).synced).toBe('ahead')
    git(dir, 'reset', '-q', '--hard', first)
    expect(await state(dir, { syncedSha: second })).toMatchObject({ tip: first, synced: 'behind' })
    commitFiles(dir, { 'apps/web/deploy.yaml': 'replicas: 3\n' }, 'Third')
    git(dir, 'commit', '-q', '--amend', '-m', 'Third, amended')
    const amended = git(dir, 'rev-parse', 'HEAD')
    expect(await state(dir, { syncedSha: second })).toMatchObject({
      tip: amended,
      synced: 'diverged',
    })
    git(dir, 'reflog', 'expire', '--expire=now', '--all')
    git(dir, 'gc', '-q', '--prune=now')
    expect((await state(dir, { syncedSha: second })).synced).toBe('missing')
  })

  it('says which branch HEAD is on, or that it is detached', async () => {
    const { dir, first } = repo()
    expect(await state(dir)).toMatchObject({
      head: { kind: 'branch', branch: 'main' },
      onTrackedBranch: true,
    })
    git(dir, 'checkout', '-q', '--detach', first)
    expect(await state(dir)).toMatchObject({
      head: { kind: 'detached', sha: first },
      onTrackedBranch: false,
    })
  })
})

describe('readSourceState: bad input gives typed errors, and reading resumes once the cause is gone', () => {
  it('a deleted branch', async () => {
    const { dir, second } = repo()
    git(dir, 'checkout', '-q', '-b', 'other')
    git(dir, 'branch', '-D', 'main')
    const error = await failure(dir)
    expect(error).toBeInstanceOf(BranchMissingError)
    expect(error.message).toBe(`branch "main" does not exist in ${dir} (branches: other)`)
    expect((error as BranchMissingError).branches).toEqual(['other'])
    git(dir, 'branch', 'main', second)
    expect((await state(dir)).tip).toBe(second)
  })

  it('a repository that went away', async () => {
    const { dir, second } = repo()
    const repository = await GitRepository.open(dir)
    fs.renameSync(path.join(dir, '.git'), path.join(dir, '.git-away'))
    const error = await readSourceState(repository, { branch: 'main' }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(RepositoryMissingError)
    expect((error as Error).message).toContain(`${dir} is no longer a Git repository`)
    fs.renameSync(path.join(dir, '.git-away'), path.join(dir, '.git'))
    expect((await readSourceState(repository, { branch: 'main' })).tip).toBe(second)
  })

  const damage: [string, (dir: string) => () => void, RegExp][] = [
    [
      'a HEAD file with garbage in it',
      (dir) => swap(path.join(dir, '.git/HEAD'), 'garbage\n'),
      /HEAD holds "garbage", neither a branch nor a sha/,
    ],
    [
      'a branch file with garbage in it',
      (dir) => swap(path.join(dir, '.git/refs/heads/main'), 'not a sha\n'),
      /refs\/heads\/main holds "not a sha", not a commit sha/,
    ],
    [
      'a branch naming a commit that is not there',
      (dir) => swap(path.join(dir, '.git/refs/heads/main'), `${'1'.repeat(40)}\n`),
      /branch "main" points at 1{40}, which is missing .*run "git fsck"/,
    ],
  ]
  for (const [what, harm, message] of damage) {
    it(what, async () => {
      const { dir, second } = repo()
      const repair = harm(dir)
      const error = await failure(dir)
      expect(error).toBeInstanceOf(CorruptRepositoryError)
      expect(error.message).toMatch(message)
      repair()
      expect((await state(dir)).tip).toBe(second)
    })
  }

  for (const lock of ['index.lock', 'HEAD.lock', 'refs/heads/main.lock']) {
    it(`a ${lock} left behind`, async () => {
      const { dir, second } = repo()
      const file = path.join(dir, '.git', lock)
      fs.writeFileSync(file, '')
      // A fresh lock is a git command at work: reported, not an error.
      expect((await state(dir)).busyLocks.map((l) => l.file)).toEqual([lock])
      const old = new Date(Date.now() - 5 * 60_000)
      fs.utimesSync(file, old, old)
      const error = await failure(dir)
      expect(error).toBeInstanceOf(LockedError)
      expect((error as LockedError).lockFiles).toEqual([lock])
      expect(error.message).toContain(`${file} (5 min old) is still there`)
      expect(error.message).toContain('remove the file')
      fs.rmSync(file)
      expect((await state(dir)).tip).toBe(second)
    })
  }

  it('a repository with no commits yet', async () => {
    const dir = initRepo()
    made.push(dir)
    const error = await failure(dir)
    expect(error).toBeInstanceOf(SourceError)
    expect(error.message).toBe(`${dir} has no commits yet: commit your manifests first`)
  })
})

/** Replaces a file's content; returns what puts it back. */
function swap(file: string, content: string): () => void {
  const before = fs.readFileSync(file)
  fs.writeFileSync(file, content)
  return () => fs.writeFileSync(file, before)
}
