import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  LocalChangesError,
  NothingToCommitError,
  RevertConflictError,
  SourceError,
} from '../../src-main/git/errors'
import { GitRepository } from '../../src-main/git/repository'
import { revertCommit } from '../../src-main/git/write/revert'
import { commitFiles, git, initRepo, removeDir, tempDir } from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

const deployment = (image: string, replicas: number, extra = ''): string =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    `  replicas: ${replicas}`,
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: ${image}`,
    '          ports:',
    '            - containerPort: 80',
    extra,
  ].join('\n') + '\n'

function repo(): { dir: string; shas: Record<string, string> } {
  const dir = initRepo()
  made.push(dir)
  const shas: Record<string, string> = {}
  shas.deploy = commitFiles(
    dir,
    { 'apps/web/deploy.yaml': deployment('nginx:1.27', 2), 'apps/web/svc.yaml': 'kind: Service\n' },
    'Deploy web',
  )
  shas.bad = commitFiles(
    dir,
    {
      'apps/web/deploy.yaml': deployment('nginx:1.290', 2),
      'apps/web/cm.yaml': 'kind: ConfigMap\n',
      'apps/web/svc.yaml': null,
    },
    'Upgrade web to 1.290',
  )
  shas.scale = commitFiles(
    dir,
    { 'apps/web/deploy.yaml': deployment('nginx:1.290', 5) },
    'Scale web to 5',
  )
  shas.api = commitFiles(dir, { 'apps/api/deploy.yaml': 'kind: Deployment\n' }, 'Add api')
  return { dir, shas }
}

/** What `git revert --no-edit` writes for the same commit, in a clone: its tree and message. */
function gitRevert(dir: string, args: string[]): { tree: string; message: string } | 'conflict' {
  const clone = tempDir()
  made.push(clone)
  git(clone, 'clone', '-q', dir, '.')
  try {
    git(clone, 'revert', '--no-edit', ...args)
  } catch {
    return 'conflict'
  }
  return {
    tree: git(clone, 'rev-parse', 'HEAD^{tree}'),
    message: git(clone, 'log', '-1', '--format=%B'),
  }
}

function ours(dir: string): { tree: string; message: string } {
  return {
    tree: git(dir, 'rev-parse', 'HEAD^{tree}'),
    message: git(dir, 'log', '-1', '--format=%B'),
  }
}

describe('revertCommit', () => {
  it('writes what git revert writes when later commits changed other lines of the same file', async () => {
    const { dir, shas } = repo()
    const expected = gitRevert(dir, [shas.bad!])
    expect(expected).not.toBe('conflict')
    const written = await revertCommit(await GitRepository.open(dir), {
      branch: 'main',
      commit: shas.bad!,
    })
    expect(ours(dir)).toEqual(expected)
    expect(written.message).toBe(
      `Revert "Upgrade web to 1.290"\n\nThis reverts commit ${shas.bad}.\n`,
    )
    expect(fs.readFileSync(path.join(dir, 'apps/web/deploy.yaml'), 'utf8')).toBe(
      deployment('nginx:1.27', 5),
    )
    expect(git(dir, 'diff', '--name-status', 'HEAD~1', 'HEAD').split('\n')).toEqual([
      'D\tapps/web/cm.yaml',
      'M\tapps/web/deploy.yaml',
      'A\tapps/web/svc.yaml',
    ])
    expect(git(dir, 'reflog', '-1', '--format=%gs')).toBe('revert: Revert "Upgrade web to 1.290"')
    expect(git(dir, 'status', '--porcelain')).toBe('')
    expect(git(dir, 'diff-files', '--name-only')).toBe('')
  })

  it('refuses with the file when a later commit changed an adjacent line, as git does', async () => {
    const { dir, shas } = repo()
    commitFiles(
      dir,
      { 'apps/web/deploy.yaml': deployment('nginx:1.290', 5, '          env: []') },
      'Add env',
    )
    const tip = git(dir, 'rev-parse', 'HEAD')
    commitFiles(
      dir,
      { 'apps/web/deploy.yaml': deployment('nginx:1.290', 5).replace('ports:', 'ports: # http') },
      'Comment the port',
    )
    const conflicting = git(dir, 'rev-parse', 'HEAD')
    expect(gitRevert(dir, [shas.bad!])).toBe('conflict')
    const error = await revertCommit(await GitRepository.open(dir), {
      branch: 'main',
      commit: shas.bad!,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RevertConflictError)
    expect((error as RevertConflictError).files).toEqual(['apps/web/deploy.yaml'])
    expect((error as Error).message).toContain(
      `git revert ${git(dir, 'rev-parse', '--short', shas.bad!)}`,
    )
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(conflicting)
    expect(tip).not.toBe(conflicting)
  })

  it('reverts a merge against the mainline given, and refuses without one as git does', async () => {
    const { dir, shas } = repo()
    git(dir, 'checkout', '-q', '-b', 'feature', shas.deploy!)
    commitFiles(dir, { 'apps/cache/deploy.yaml': 'kind: Deployment\n' }, 'Add cache')
    git(dir, 'checkout', '-q', 'main')
    git(dir, 'merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature')
    const merge = git(dir, 'rev-parse', 'HEAD')
    const repository = await GitRepository.open(dir)
    await expect(revertCommit(repository, { branch: 'main', commit: merge })).rejects.toThrow(
      `commit ${merge} is a merge but no mainline was given`,
    )
    await expect(
      revertCommit(repository, { branch: 'main', commit: merge, mainline: 3 }),
    ).rejects.toThrow(SourceError)
    await expect(
      revertCommit(repository, { branch: 'main', commit: shas.api!, mainline: 1 }),
    ).rejects.toThrow(`mainline was specified but commit ${shas.api} is not a merge`)
    const expected = gitRevert(dir, ['-m', '1', merge])
    await revertCommit(repository, { branch: 'main', commit: merge, mainline: 1 })
    expect(ours(dir)).toEqual(expected)
    expect(git(dir, 'status', '--porcelain')).toBe('')
  })

  it('says when there is nothing left to revert', async () => {
    const { dir, shas } = repo()
    const repository = await GitRepository.open(dir)
    await revertCommit(repository, { branch: 'main', commit: shas.api! })
    const error = await revertCommit(repository, { branch: 'main', commit: shas.api! }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NothingToCommitError)
  })

  it('refuses local changes to the files it touches and keeps the others', async () => {
    const { dir, shas } = repo()
    fs.writeFileSync(path.join(dir, 'apps/api/deploy.yaml'), 'local edit\n')
    fs.writeFileSync(path.join(dir, 'apps/web/cm.yaml'), 'local edit\n')
    const repository = await GitRepository.open(dir)
    const error = await revertCommit(repository, { branch: 'main', commit: shas.bad! }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(LocalChangesError)
    expect((error as LocalChangesError).files).toEqual([{ path: 'apps/web/cm.yaml', status: ' M' }])
    git(dir, 'checkout', '--', 'apps/web/cm.yaml')
    await revertCommit(repository, { branch: 'main', commit: shas.bad! })
    expect(git(dir, 'diff', '--name-only')).toBe('apps/api/deploy.yaml')
  })

  it('conflicts where the branch deleted a file the commit changed, as git does', async () => {
    const { dir, shas } = repo()
    commitFiles(dir, { 'apps/web/deploy.yaml': null }, 'Drop the Deployment')
    expect(gitRevert(dir, [shas.scale!])).toBe('conflict')
    const error = await revertCommit(await GitRepository.open(dir), {
      branch: 'main',
      commit: shas.scale!,
    }).catch((e: unknown) => e)
    expect((error as RevertConflictError).files).toEqual(['apps/web/deploy.yaml'])
  })

  it('reverts the first commit of a repository as git does', async () => {
    const dir = initRepo()
    made.push(dir)
    const root = commitFiles(dir, { 'a.yaml': 'a\n', 'b/c.yaml': 'c\n' }, 'Root')
    commitFiles(dir, { 'd.yaml': 'd\n' }, 'More')
    const expected = gitRevert(dir, [root])
    await revertCommit(await GitRepository.open(dir), { branch: 'main', commit: root })
    expect(ours(dir)).toEqual(expected)
    expect(fs.existsSync(path.join(dir, 'b'))).toBe(false)
    expect(git(dir, 'status', '--porcelain')).toBe('')
  })
})
