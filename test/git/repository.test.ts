import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SourceError } from '../../src-main/git/errors'
import { GitRepository } from '../../src-main/git/repository'
import { commitFiles, git, initRepo, removeDir, tempDir } from '../helpers/git'

const made: string[] = []
const track = (dir: string): string => (made.push(dir), dir)
afterAll(() => made.forEach(removeDir))

async function openError(dir: string): Promise<string> {
  try {
    await GitRepository.open(dir)
  } catch (e) {
    if (e instanceof SourceError) return e.message
    throw e
  }
  throw new Error('expected a SourceError')
}

describe('GitRepository.open', () => {
  it('names a missing path', async () => {
    expect(await openError('/nonexistent/drydock/repo')).toBe(
      '/nonexistent/drydock/repo does not exist: give the path of a Git repository',
    )
  })

  it('names a folder that is not a repository, and says what to do', async () => {
    const dir = track(tempDir())
    expect(await openError(dir)).toBe(
      `${dir} is not a Git repository (no .git folder): run "git init" there, or open the repository's top folder`,
    )
  })

  it('names a file given as a repository', async () => {
    const dir = track(tempDir())
    const file = path.join(dir, 'x.yaml')
    fs.writeFileSync(file, 'a: b')
    expect(await openError(file)).toMatch(/is a file, not a folder/)
  })

  it('names a linked worktree, which it does not read, and says what to open instead', async () => {
    const dir = track(initRepo())
    commitFiles(dir, { 'a.yaml': 'x: 1\n' }, 'first')
    const worktree = track(tempDir())
    git(dir, 'worktree', 'add', '-q', worktree, '-b', 'side')
    expect(await openError(worktree)).toBe(
      `${worktree} is a linked worktree or a submodule (its .git is a file, not a folder), which Drydock ` +
        `does not read yet: open the main repository it belongs to (see "git worktree list")`,
    )
  })

  it('refuses a SHA-256 repository rather than misread it', async () => {
    const dir = track(tempDir())
    git(dir, 'init', '-q', '--object-format=sha256')
    expect(await openError(dir)).toMatch(
      /names its objects with SHA-256 \(extensions.objectFormat\)/,
    )
  })

  it('says when a repository has no commits, and when a branch does not exist', async () => {
    const dir = track(initRepo())
    const repo = await GitRepository.open(dir)
    await expect(repo.branchTip('main')).rejects.toThrow(
      `${dir} has no commits yet: commit your manifests first`,
    )
    commitFiles(dir, { 'a.yaml': 'x: 1\n' }, 'first')
    git(dir, 'branch', 'dev')
    await expect(repo.branchTip('prod')).rejects.toThrow(
      `branch "prod" does not exist in ${dir} (branches: dev, main)`,
    )
  })
})

describe('reading a repository', () => {
  const dir = track(initRepo())
  const first = commitFiles(
    dir,
    { 'apps/web/deploy.yaml': 'kind: A\n', 'README.md': 'hi\n' },
    'First commit',
  )
  const second = commitFiles(
    dir,
    { 'apps/web/svc.yaml': 'kind: B\n' },
    'Second commit\n\nWith a body.',
  )
  git(dir, 'tag', 'v1', first)
  git(dir, 'tag', '-a', 'v2', '-m', 'annotated', second)
  const third = commitFiles(dir, { 'README.md': null }, 'Third commit')

  it('resolves revisions the way git rev-parse does', async () => {
    const repo = await GitRepository.open(dir)
    const cases: [string, string][] = [
      ['main', third],
      ['HEAD', third],
      ['HEAD~2', first],
      ['main^', second],
      ['v1', first],
      ['v2', second],
      [second.slice(0, 7), second],
      [first, first],
    ]
    for (const [revision, sha] of cases) {
      expect(await repo.resolve(revision), revision).toBe(sha)
      expect(git(dir, 'rev-parse', `${revision}^{commit}`)).toBe(sha)
    }
    await expect(repo.resolve('nope')).rejects.toThrow(
      `unknown revision "nope" in ${dir}: use a branch, a tag or a commit sha (see "git log --oneline")`,
    )
    await expect(repo.resolve('HEAD~5')).rejects.toThrow(/goes past the first commit/)
  })

  it('lists the files of a commit, under a path, as git ls-tree does', async () => {
    const repo = await GitRepository.open(dir)
    const all = (await repo.listFiles(second, '')).map((f) => f.path).sort()
    expect(all).toEqual(git(dir, 'ls-tree', '-r', '--name-only', second).split('\n').sort())
    expect((await repo.listFiles(third, 'apps/web')).map((f) => f.path).sort()).toEqual([
      'apps/web/deploy.yaml',
      'apps/web/svc.yaml',
    ])
    await expect(repo.listFiles(third, 'apps/api')).rejects.toThrow(
      'path "apps/api" does not exist in commit',
    )
  })

  it('reads commits and history, newest first', async () => {
    const repo = await GitRepository.open(dir)
    const log = await repo.log(third, 10)
    expect(log.map((c) => c.sha)).toEqual(git(dir, 'log', '--format=%H').split('\n'))
    expect(log[1]!.subject).toBe('Second commit')
    expect(log[1]!.message).toBe('Second commit\n\nWith a body.\n')
    expect(log[0]!.author.name).toBe('Test Author')
    expect(log[0]!.parents).toEqual([second])
  })
})
