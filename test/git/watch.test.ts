import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GitRepository } from '../../src-main/git/repository'
import { readSourceState } from '../../src-main/git/source-state'
import { watchRefs } from '../../src-main/git/watch'
import { commitFiles, git, initRepo, removeDir, tempDir } from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

/**
 * Runs `act` with a watcher on `dir` and resolves once the watcher fires. The
 * poll is set far out, so only file events count; the timeout is generous, for
 * a busy machine, and only says the event never came.
 */
function firesAfter(dir: string, act: () => void, gitdir = path.join(dir, '.git')): Promise<void> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      stop()
      reject(new Error('the watcher did not fire within 10 s'))
    }, 10_000)
    const stop = watchRefs(
      gitdir,
      () => {
        clearTimeout(timeout)
        stop()
        resolve()
      },
      { pollMs: 600_000 },
    )
    act()
  })
}

function repoWithUpstream(): { upstream: string; dir: string } {
  const upstream = initRepo()
  commitFiles(upstream, { 'apps/web/deploy.yaml': 'replicas: 1\n' }, 'First')
  const dir = tempDir()
  made.push(upstream, dir)
  git(dir, 'clone', '-q', upstream, '.')
  commitFiles(dir, { 'apps/web/deploy.yaml': 'replicas: 2\n' }, 'Second')
  git(dir, 'branch', 'release')
  return { upstream, dir }
}

describe('watchRefs', () => {
  const { upstream, dir } = repoWithUpstream()
  const tip = async (branch = 'main'): Promise<string> =>
    (await GitRepository.open(dir)).branchTip(branch)

  const cases: [string, () => void, () => string, string?][] = [
    [
      'git commit',
      () => commitFiles(dir, { 'apps/web/deploy.yaml': 'replicas: 3\n' }, 'Third'),
      () => git(dir, 'rev-parse', 'HEAD'),
    ],
    [
      'git commit --amend',
      () => git(dir, 'commit', '-q', '--amend', '-m', 'Third, amended'),
      () => git(dir, 'rev-parse', 'HEAD'),
    ],
    [
      'git reset --hard',
      () => git(dir, 'reset', '-q', '--hard', 'HEAD~1'),
      () => git(dir, 'rev-parse', 'HEAD'),
    ],
    [
      'git pull (fast-forward)',
      () => {
        git(dir, 'reset', '-q', '--hard', 'origin/main')
        commitFiles(upstream, { 'apps/web/deploy.yaml': 'replicas: 4\n' }, 'Upstream change')
        git(dir, 'pull', '-q', '--ff-only')
      },
      () => git(upstream, 'rev-parse', 'HEAD'),
    ],
    [
      'a force-push to a branch that is not checked out',
      () => {
        const clone = tempDir()
        made.push(clone)
        git(clone, 'clone', '-q', dir, '.')
        git(clone, 'checkout', '-q', 'release')
        commitFiles(clone, { 'apps/web/deploy.yaml': 'replicas: 9\n' }, 'Rewritten release')
        git(clone, 'push', '-q', '--force', 'origin', 'HEAD:release')
      },
      () => git(dir, 'rev-parse', 'release'),
      'release',
    ],
    [
      'git branch --force',
      () => git(dir, 'branch', '-f', 'release', 'main~1'),
      () => git(dir, 'rev-parse', 'release'),
      'release',
    ],
    [
      'git pack-refs (the branch file moves into packed-refs)',
      () => git(dir, 'pack-refs', '--all'),
      () => git(dir, 'rev-parse', 'main'),
    ],
  ]
  // git has finished by the time the watcher fires (act is synchronous): what this
  // checks is that each way of moving a branch wakes the watcher, and that the
  // tip then reads as git's however the ref is stored (loose, packed, rewritten).
  for (const [what, act, expected, branch] of cases) {
    it(`fires after ${what}, and the tip reads as git's`, async () => {
      await firesAfter(dir, act)
      expect(await tip(branch)).toBe(expected())
    })
  }

  it('fires after a branch switch, and HEAD is read on the new branch', async () => {
    await firesAfter(dir, () => git(dir, 'checkout', '-q', '-b', 'feature'))
    const state = await readSourceState(await GitRepository.open(dir), { branch: 'main' })
    expect(state.head).toEqual({ kind: 'branch', branch: 'feature' })
    expect(state.onTrackedBranch).toBe(false)
    await firesAfter(dir, () => git(dir, 'checkout', '-q', '--detach', 'main'))
    const detached = await readSourceState(await GitRepository.open(dir), { branch: 'main' })
    expect(detached.head).toEqual({ kind: 'detached', sha: git(dir, 'rev-parse', 'main') })
  })

  it('fires when a lock file left behind is removed', async () => {
    const lock = path.join(dir, '.git', 'index.lock')
    fs.writeFileSync(lock, '')
    await firesAfter(dir, () => fs.rmSync(lock))
  })

  it('watches again once the repository is deleted and made anew', async () => {
    const { dir: again } = repoWithUpstream()
    const gitdir = path.join(again, '.git')
    let calls = 0
    let wake: () => void = () => undefined
    const called = (): Promise<void> =>
      new Promise((resolve, reject) => {
        wake = resolve
        setTimeout(() => reject(new Error('the watcher did not fire within 10 s')), 10_000)
      })
    // No poll: only file events and the re-arming of a watcher call back.
    const stop = watchRefs(gitdir, () => (calls++, wake()), { pollMs: 600_000, rearmMs: 50 })
    try {
      let next = called()
      fs.rmSync(gitdir, { recursive: true })
      git(again, 'init', '-q', '-b', 'main')
      await next // the new .git folder is watched, and that alone is worth a look
      while (calls > 0) {
        calls = 0
        await new Promise((r) => setTimeout(r, 100)) // let the burst of events settle
      }
      next = called()
      commitFiles(again, { 'a.yaml': 'a: 1\n' }, 'In the new repository')
      await next
      expect(await (await GitRepository.open(again)).branchTip('main')).toBe(
        git(again, 'rev-parse', 'HEAD'),
      )
    } finally {
      stop()
    }
  })
})
