import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GitRepository } from '../../src-main/git/repository'
import { localChanges } from '../../src-main/git/write/work-tree'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

/** A work tree with one change of every kind git status knows. */
function changedRepo(): string {
  const dir = initRepo()
  made.push(dir)
  const files: Record<string, string> = {}
  for (const name of ['unstaged', 'staged', 'both', 'deleted', 'removed', 'mode', 'clean', 'racy'])
    files[`apps/${name}.yaml`] = `${name}\n`
  commitFiles(dir, files, 'All files')
  fs.symlinkSync('clean.yaml', path.join(dir, 'apps/link.yaml'))
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'A link')
  const write = (name: string, text: string): void =>
    fs.writeFileSync(path.join(dir, 'apps', name), text)
  write('unstaged.yaml', 'changed\n')
  write('staged.yaml', 'changed\n')
  write('both.yaml', 'changed once\n')
  git(dir, 'add', 'apps/staged.yaml', 'apps/both.yaml')
  write('both.yaml', 'changed twice\n')
  fs.rmSync(path.join(dir, 'apps/deleted.yaml'))
  git(dir, 'rm', '-q', 'apps/removed.yaml')
  fs.chmodSync(path.join(dir, 'apps/mode.yaml'), 0o755)
  write('added.yaml', 'new\n')
  git(dir, 'add', 'apps/added.yaml')
  write('intent.yaml', 'new\n')
  git(dir, 'add', '-N', 'apps/intent.yaml')
  fs.rmSync(path.join(dir, 'apps/link.yaml'))
  fs.symlinkSync('unstaged.yaml', path.join(dir, 'apps/link.yaml'))
  write('untracked.yaml', 'new\n')
  // Same size, same second as the index: only the content tells (racy git).
  git(dir, 'add', 'apps/racy.yaml')
  write('racy.yaml', 'RACY\n')
  return dir
}

function gitStatus(dir: string): string[] {
  // -z keeps the leading space of " M" that trimming a line would lose.
  return git(dir, 'status', '--porcelain', '-z')
    .split('\0')
    .filter(Boolean)
    .sort((a, b) => (a.slice(3) < b.slice(3) ? -1 : 1))
}

describe('localChanges', () => {
  for (const version of ['2', '3', '4']) {
    it(`reports what git status does, from an index of version ${version}`, async () => {
      const dir = changedRepo()
      git(dir, 'update-index', '--index-version', version)
      const repo = await GitRepository.open(dir)
      const tip = await repo.branchTip('main')
      const found = localChanges({
        dir,
        gitdir: repo.gitdir,
        trees: repo.trees,
        tipTree: repo.commit(tip).tree,
        scope: [''],
        writes: ['apps/untracked.yaml'],
      })
      expect(found.map((c) => `${c.status} ${c.path}`)).toEqual(gitStatus(dir))
      const scoped = localChanges({
        dir,
        gitdir: repo.gitdir,
        trees: repo.trees,
        tipTree: repo.commit(tip).tree,
        scope: ['apps/both.yaml', 'apps/clean.yaml'],
        writes: ['apps/clean.yaml'],
      })
      expect(scoped).toEqual([{ path: 'apps/both.yaml', status: 'MM' }])
    })
  }

  it('skips files marked skip-worktree, as git status does', async () => {
    const dir = changedRepo()
    git(dir, 'update-index', '--skip-worktree', 'apps/unstaged.yaml')
    const repo = await GitRepository.open(dir)
    const found = localChanges({
      dir,
      gitdir: repo.gitdir,
      trees: repo.trees,
      tipTree: repo.commit(await repo.branchTip('main')).tree,
      scope: ['apps/unstaged.yaml'],
      writes: [],
    })
    expect(found).toEqual([])
    expect(gitStatus(dir).some((l) => l.endsWith('apps/unstaged.yaml'))).toBe(false)
  })
})
