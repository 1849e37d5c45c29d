import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LocalChangesError, LockedError, NothingToCommitError } from '../../src-main/git/errors'
import { GitRepository } from '../../src-main/git/repository'
import { rollback } from '../../src-main/git/write/rollback'
import { commitFiles, git, initRepo, removeDir, tempDir } from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

/** A lab-like history: v1 of two apps, then changes to web (a new file, a deletion, a mode change). */
function labRepo(): { dir: string; v1: string; v2: string; v3: string } {
  const dir = initRepo()
  made.push(dir)
  const v1 = commitFiles(
    dir,
    {
      'apps/web/deploy.yaml': 'image: nginx:1.27\nreplicas: 2\n',
      'apps/web/svc.yaml': 'kind: Service\n',
      'apps/web/old/notes.txt': 'old notes\n',
      'apps/api/deploy.yaml': 'image: api:1\n',
      'README.md': 'lab\n',
    },
    'Deploy web and api',
  )
  fs.chmodSync(path.join(dir, 'apps/web/svc.yaml'), 0o755)
  fs.symlinkSync('deploy.yaml', path.join(dir, 'apps/web/current.yaml'))
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--amend', '--no-edit')
  const v1Amended = git(dir, 'rev-parse', 'HEAD')
  commitFiles(
    dir,
    {
      'apps/web/deploy.yaml': 'image: nginx:1.28\nreplicas: 5\n',
      'apps/api/deploy.yaml': 'image: api:2\n',
    },
    'Scale web, update api',
  )
  fs.chmodSync(path.join(dir, 'apps/web/svc.yaml'), 0o644)
  const v3 = commitFiles(
    dir,
    {
      'apps/web/deploy.yaml': 'image: nginx:1.290\nreplicas: 5\n',
      'apps/web/old/notes.txt': null,
      'apps/web/hpa.yaml': 'kind: HorizontalPodAutoscaler\n',
      'apps/web/current.yaml': null,
    },
    'Upgrade web to 1.290',
  )
  void v1
  return { dir, v1: v1Amended, v2: git(dir, 'rev-parse', 'HEAD~1'), v3 }
}

const WHEN = 1_767_225_600_000

function expectCleanAndConsistent(dir: string): void {
  expect(git(dir, 'status', '--porcelain')).toBe('')
  // The index's stat data matches the files: git has nothing to re-check.
  expect(git(dir, 'diff-files', '--name-only')).toBe('')
  expect(git(dir, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('')
}

describe('rollback', () => {
  it('rolls a folder back on the checked-out branch, leaving git status clean', async () => {
    const { dir, v1, v3 } = labRepo()
    const repo = await GitRepository.open(dir)
    const written = await rollback(repo, {
      branch: 'main',
      target: v1,
      path: 'apps/web',
      timeMs: WHEN,
    })
    expect(written.workTreeUpdated).toBe(true)
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(written.sha)
    expect(git(dir, 'rev-parse', 'HEAD~1')).toBe(v3)
    const short = git(dir, 'rev-parse', '--short', v1)
    expect(git(dir, 'log', '-1', '--format=%B')).toBe(
      `Roll back apps/web to ${short}: Deploy web and api\n\nReverts: ${v1}..${v3}`,
    )
    // git's own trailer parser finds the trailer.
    expect(git(dir, 'log', '-1', '--format=%(trailers:key=Reverts,valueonly)')).toBe(`${v1}..${v3}`)
    expect(git(dir, 'rev-parse', 'HEAD:apps/web')).toBe(git(dir, 'rev-parse', `${v1}:apps/web`))
    expect(git(dir, 'diff', '--name-status', 'HEAD~1', 'HEAD').split('\n')).toEqual([
      'A\tapps/web/current.yaml',
      'M\tapps/web/deploy.yaml',
      'D\tapps/web/hpa.yaml',
      'A\tapps/web/old/notes.txt',
      'M\tapps/web/svc.yaml',
    ])
    expect(git(dir, 'diff', 'HEAD~1', 'HEAD', '--', 'apps/api', 'README.md')).toBe('')
    expect(fs.readFileSync(path.join(dir, 'apps/web/deploy.yaml'), 'utf8')).toBe(
      'image: nginx:1.27\nreplicas: 2\n',
    )
    expect(fs.readlinkSync(path.join(dir, 'apps/web/current.yaml'))).toBe('deploy.yaml')
    expect(fs.statSync(path.join(dir, 'apps/web/svc.yaml')).mode & 0o111).not.toBe(0)
    expect(fs.existsSync(path.join(dir, 'apps/web/hpa.yaml'))).toBe(false)
    expect(git(dir, 'log', '-1', '--format=%an <%ae> %at')).toBe(
      `Drydock <drydock@localhost> ${WHEN / 1000}`,
    )
    expect(git(dir, 'reflog', '-1', '--format=%gs')).toBe(
      `commit: Roll back apps/web to ${short}: Deploy web and api`,
    )
    expect(git(dir, 'reflog', 'show', '-1', '--format=%H', 'main')).toBe(written.sha)
    expectCleanAndConsistent(dir)
  })

  it('changes the index as git does: written into index.lock, renamed over the old one', async () => {
    const { dir, v1 } = labRepo()
    const index = path.join(dir, '.git', 'index')
    const before = fs.statSync(index)
    const repo = await GitRepository.open(dir)
    await rollback(repo, { branch: 'main', target: v1, path: 'apps/web', timeMs: WHEN })
    // A new file took the index's name: readers never saw one half written.
    expect(fs.statSync(index).ino).not.toBe(before.ino)
    expect(fs.existsSync(`${index}.lock`)).toBe(false)
    expectCleanAndConsistent(dir)
  })

  it('rolls everything back when no path is given', async () => {
    const { dir, v1, v3 } = labRepo()
    fs.writeFileSync(
      path.join(dir, '.git/config'),
      '[user]\n\tname = Ada\n\temail = ada@example.com\n',
      { flag: 'a' },
    )
    const repo = await GitRepository.open(dir)
    const written = await rollback(repo, { branch: 'main', target: v1 })
    expect(written.message.split('\n')[0]).toBe(
      `Roll back everything to ${git(dir, 'rev-parse', '--short', v1)}: Deploy web and api`,
    )
    expect(git(dir, 'rev-parse', 'HEAD^{tree}')).toBe(git(dir, 'rev-parse', `${v1}^{tree}`))
    expect(git(dir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>')).toBe(
      'Ada <ada@example.com>|Ada <ada@example.com>',
    )
    expect(git(dir, 'diff', '--stat', 'HEAD', v1)).toBe('')
    expect(git(dir, 'log', '--format=%H', '-2', 'HEAD~1')).toBe(
      `${v3}\n${git(dir, 'rev-parse', 'HEAD~2')}`,
    )
    expectCleanAndConsistent(dir)
  })

  it('moves only the branch when another branch is checked out, and in a bare repository', async () => {
    const { dir, v1, v3 } = labRepo()
    git(dir, 'checkout', '-q', '-b', 'feature')
    commitFiles(dir, { 'apps/web/deploy.yaml': 'feature\n' }, 'Feature work')
    const featureTip = git(dir, 'rev-parse', 'HEAD')
    const repo = await GitRepository.open(dir)
    const written = await rollback(repo, {
      branch: 'main',
      target: v1,
      path: 'apps/web',
      author: { name: 'Grace', email: 'grace@example.com' },
    })
    expect(written.workTreeUpdated).toBe(false)
    expect(git(dir, 'rev-parse', 'main~1')).toBe(v3)
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(featureTip)
    expect(fs.readFileSync(path.join(dir, 'apps/web/deploy.yaml'), 'utf8')).toBe('feature\n')
    expect(git(dir, 'log', '-1', '--format=%an', 'main')).toBe('Grace')
    expectCleanAndConsistent(dir)

    const bare = tempDir()
    made.push(bare)
    git(bare, 'clone', '-q', '--bare', dir, '.')
    const bareRepo = await GitRepository.open(bare)
    const inBare = await rollback(bareRepo, { branch: 'main', target: v1, path: 'apps/api' })
    expect(git(bare, 'rev-parse', 'main')).toBe(inBare.sha)
    expect(git(bare, 'rev-parse', 'main:apps/api')).toBe(git(bare, 'rev-parse', `${v1}:apps/api`))
    expect(git(bare, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('')
  })

  it('rolls back a single file, and a path that did not exist yet at the target', async () => {
    const { dir, v1 } = labRepo()
    const repo = await GitRepository.open(dir)
    await rollback(repo, { branch: 'main', target: v1, path: 'apps/api/deploy.yaml' })
    expect(git(dir, 'diff', '--name-only', 'HEAD~1', 'HEAD')).toBe('apps/api/deploy.yaml')
    const added = commitFiles(dir, { 'apps/cache/deploy.yaml': 'kind: A\n' }, 'Add cache')
    await rollback(repo, { branch: 'main', target: v1, path: 'apps/cache' })
    expect(git(dir, 'diff', '--name-status', 'HEAD~1', 'HEAD')).toBe('D\tapps/cache/deploy.yaml')
    expect(fs.existsSync(path.join(dir, 'apps/cache'))).toBe(false)
    await rollback(repo, { branch: 'main', target: added, path: 'apps/cache' })
    expect(fs.readFileSync(path.join(dir, 'apps/cache/deploy.yaml'), 'utf8')).toBe('kind: A\n')
    expectCleanAndConsistent(dir)
  })

  it('refuses when there is nothing to roll back', async () => {
    const { dir, v2, v3 } = labRepo()
    const repo = await GitRepository.open(dir)
    const error = await rollback(repo, { branch: 'main', target: v2, path: 'apps/api' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NothingToCommitError)
    expect((error as Error).message).toBe(
      `nothing to roll back: apps/api on main (${git(dir, 'rev-parse', '--short', v3)}) already equals ${git(dir, 'rev-parse', '--short', v2)}`,
    )
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(v3)
  })

  const localEdits: [string, (dir: string) => void, string][] = [
    [
      'an unstaged change',
      (d) => fs.writeFileSync(path.join(d, 'apps/web/svc.yaml'), 'edited\n'),
      ' M apps/web/svc.yaml',
    ],
    [
      'a staged change',
      (d) => {
        fs.writeFileSync(path.join(d, 'apps/web/svc.yaml'), 'staged\n')
        git(d, 'add', 'apps/web/svc.yaml')
      },
      'M  apps/web/svc.yaml',
    ],
    ['a deleted file', (d) => fs.rmSync(path.join(d, 'apps/web/hpa.yaml')), ' D apps/web/hpa.yaml'],
    [
      'an untracked file where the rollback writes one',
      (d) => fs.writeFileSync(path.join(d, 'apps/web/old/notes.txt'), 'mine\n'),
      '?? apps/web/old/notes.txt',
    ],
  ]
  for (const [what, edit, status] of localEdits) {
    it(`refuses with the files when ${what} is under the path, and changes nothing`, async () => {
      const { dir, v1, v3 } = labRepo()
      edit(dir)
      const before = git(dir, 'status', '--porcelain')
      const repo = await GitRepository.open(dir)
      const error = await rollback(repo, { branch: 'main', target: v1, path: 'apps/web' }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(LocalChangesError)
      expect((error as LocalChangesError).files.map((f) => `${f.status} ${f.path}`)).toEqual([
        status,
      ])
      expect((error as Error).message).toContain('commit or stash them first')
      expect(git(dir, 'rev-parse', 'HEAD')).toBe(v3)
      expect(git(dir, 'status', '--porcelain')).toBe(before)
      expect(fs.existsSync(path.join(dir, '.git/index.lock'))).toBe(false)
    })
  }

  it('keeps changes outside the path and untracked files out of the way', async () => {
    const { dir, v1 } = labRepo()
    fs.writeFileSync(path.join(dir, 'README.md'), 'my edit\n')
    fs.writeFileSync(path.join(dir, 'apps/api/deploy.yaml'), 'staged edit\n')
    git(dir, 'add', 'apps/api/deploy.yaml')
    fs.writeFileSync(path.join(dir, 'apps/web/scratch.txt'), 'untracked\n')
    const repo = await GitRepository.open(dir)
    await rollback(repo, { branch: 'main', target: v1, path: 'apps/web' })
    // (git status --porcelain would say " M README.md", "M  apps/api/…", "?? apps/web/…")
    expect(git(dir, 'diff', '--name-only')).toBe('README.md')
    expect(git(dir, 'diff', '--cached', '--name-only')).toBe('apps/api/deploy.yaml')
    expect(git(dir, 'ls-files', '--others', '--exclude-standard')).toBe('apps/web/scratch.txt')
    expect(git(dir, 'diff', 'HEAD~1', 'HEAD', '--stat', '--', 'apps/api', 'README.md')).toBe('')
  })

  it("refuses while git's lock files exist, in git's words, and works once they are gone", async () => {
    const { dir, v1, v3 } = labRepo()
    const repo = await GitRepository.open(dir)
    for (const lock of ['index.lock', 'refs/heads/main.lock']) {
      fs.writeFileSync(path.join(dir, '.git', lock), '')
      const error = await rollback(repo, { branch: 'main', target: v1, path: 'apps/web' }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(LockedError)
      expect((error as LockedError).lockFiles).toEqual([lock])
      expect((error as Error).message).toContain(
        `Unable to create '${path.join(dir, '.git', lock)}': File exists.`,
      )
      expect(git(dir, 'rev-parse', 'HEAD')).toBe(v3)
      fs.rmSync(path.join(dir, '.git', lock))
    }
    await rollback(repo, { branch: 'main', target: v1, path: 'apps/web' })
    expectCleanAndConsistent(dir)
  })

  it('rolls back across a file that became a folder, on a packed, nested branch name', async () => {
    const dir = initRepo()
    made.push(dir)
    git(dir, 'checkout', '-q', '-b', 'release/v1')
    const before = commitFiles(
      dir,
      { 'apps/web/conf': 'a file\n', 'apps/web/a.yaml': 'a\n' },
      'Conf as a file',
    )
    commitFiles(dir, { 'apps/web/conf': null }, 'Drop conf')
    commitFiles(
      dir,
      { 'apps/web/conf/one.yaml': 'one\n', 'apps/web/conf/deep/two.yaml': 'two\n' },
      'Conf as a folder',
    )
    git(dir, 'pack-refs', '--all')
    expect(fs.existsSync(path.join(dir, '.git/refs/heads/release/v1'))).toBe(false)
    const repo = await GitRepository.open(dir)
    await rollback(repo, { branch: 'release/v1', target: before, path: 'apps/web' })
    expect(git(dir, 'rev-parse', 'HEAD:apps/web')).toBe(git(dir, 'rev-parse', `${before}:apps/web`))
    expect(fs.readFileSync(path.join(dir, 'apps/web/conf'), 'utf8')).toBe('a file\n')
    expectCleanAndConsistent(dir)
    // And back again: the file becomes a folder in the work tree.
    await rollback(repo, { branch: 'release/v1', target: 'HEAD~1', path: 'apps/web' })
    expect(fs.readFileSync(path.join(dir, 'apps/web/conf/deep/two.yaml'), 'utf8')).toBe('two\n')
    expect(git(dir, 'rev-parse', 'HEAD:apps/web')).toBe(git(dir, 'rev-parse', 'HEAD~2:apps/web'))
    expectCleanAndConsistent(dir)
  })
})
