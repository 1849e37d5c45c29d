import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { watchRefs } from '../../src-main/git/watch'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'

const dir = initRepo()
afterAll(() => removeDir(dir))

/** Resolves with how long after `act` the watcher fired (the poll is set far out so only file events count). */
function firedAfter(act: () => void): Promise<number> {
  return new Promise((resolve) => {
    let start = 0
    const stop = watchRefs(
      path.join(dir, '.git'),
      () => {
        stop()
        resolve(performance.now() - start)
      },
      { pollMs: 60_000 },
    )
    start = performance.now()
    act()
  })
}

describe('watchRefs', () => {
  it('notices a commit, an amend, a reset and a branch switch made with the git CLI', async () => {
    commitFiles(dir, { 'a.yaml': 'a: 1\n' }, 'first')
    const latencies = [
      await firedAfter(() => commitFiles(dir, { 'a.yaml': 'a: 2\n' }, 'second')),
      await firedAfter(() => git(dir, 'commit', '-q', '--amend', '-m', 'second, amended')),
      await firedAfter(() => git(dir, 'reset', '-q', '--hard', 'HEAD~1')),
      await firedAfter(() => git(dir, 'checkout', '-q', '-b', 'feature')),
      await firedAfter(() => git(dir, 'pack-refs', '--all')),
    ]
    // Well under a second on any machine: the watcher reacts to file events, not the poll.
    for (const ms of latencies) expect(ms).toBeLessThan(1000)
  })
})
