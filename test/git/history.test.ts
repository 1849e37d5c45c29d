import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GitRepository } from '../../src-main/git/repository'
import type { HistoryOrder } from '../../src-main/git/history-walk'
import {
  commitFiles,
  fastImport,
  git,
  gitAt,
  initRepo,
  linearHistoryStream,
  removeDir,
  tempDir,
} from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

const T = 1_700_000_000

/**
 * A history with what makes `git log`'s order subtle: a merged feature branch
 * whose commits interleave in time with main's, an octopus merge, commits of
 * equal committer time, a commit older than its parent (clock skew), and a
 * message whose subject spans two lines.
 */
function historyRepo(): string {
  const dir = initRepo()
  made.push(dir)
  const commit = (t: number, file: string, message: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), `${message}\n`)
    gitAt(dir, t, 'add', '-A')
    gitAt(dir, t, 'commit', '-q', '-m', message)
  }
  commit(T, 'apps/web/deploy.yaml', 'Deploy web')
  commit(T + 60, 'apps/web/deploy.yaml', 'Scale web')
  git(dir, 'checkout', '-q', '-b', 'feature')
  commit(T + 90, 'apps/api/deploy.yaml', 'Add api')
  git(dir, 'checkout', '-q', 'main')
  commit(T + 120, 'apps/web/svc.yaml', 'Add a Service')
  git(dir, 'checkout', '-q', 'feature')
  commit(T + 180, 'apps/api/deploy.yaml', 'Tune api')
  git(dir, 'checkout', '-q', 'main')
  gitAt(dir, T + 240, 'merge', '-q', '--no-ff', '-m', 'Merge feature', 'feature')
  for (const [i, name] of ['one', 'two', 'three'].entries()) {
    git(dir, 'checkout', '-q', '-b', name, 'main')
    commit(T + 300, `apps/${name}.yaml`, `Add ${name} (same time as its siblings)`)
    git(dir, 'checkout', '-q', 'main')
    if (i === 2) break
  }
  gitAt(dir, T + 360, 'merge', '-q', '--no-ff', '-m', 'Octopus', 'one', 'two', 'three')
  commit(T + 200, 'apps/web/deploy.yaml', 'Skewed: older than its parent')
  commit(T + 420, 'README.md', 'A subject\nthat spans two lines\n\nAnd a body.')
  commit(T + 420, 'README.md', 'Same time as the commit before')
  return dir
}

type Layout = (dir: string) => void
/** Each way git stores what the history reader must read. */
const layouts: Record<string, Layout> = {
  'loose objects': () => undefined,
  'one pack, no commit graph': (dir) => git(dir, '-c', 'gc.writeCommitGraph=false', 'gc', '-q'),
  'a pack with REF_DELTA objects': (dir) =>
    git(dir, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adfq', '--window=50'),
  'a commit graph': (dir) => git(dir, 'gc', '-q'),
  'a split commit-graph chain': (dir) => {
    git(dir, '-c', 'gc.writeCommitGraph=false', 'gc', '-q')
    git(dir, 'commit-graph', 'write', '--reachable', '--split')
  },
  'a commit graph older than the newest commits': (dir) => {
    git(dir, 'gc', '-q')
    commitFiles(dir, { 'apps/web/deploy.yaml': 'after the graph\n' }, 'After the graph, 1')
    git(dir, 'merge', '-q', '--no-ff', '-m', 'After the graph, merge', 'one')
    commitFiles(dir, { 'apps/web/deploy.yaml': 'after the graph 2\n' }, 'After the graph, 2')
  },
}

const orders: [HistoryOrder, string[]][] = [
  ['default', []],
  ['first-parent', ['--first-parent']],
]

describe('history, read as git log prints it', () => {
  for (const [layout, arrange] of Object.entries(layouts)) {
    it(`lists every commit in git log's order from ${layout}`, async () => {
      const dir = historyRepo()
      arrange(dir)
      if (layout === 'a commit graph')
        expect(fs.existsSync(path.join(dir, '.git/objects/info/commit-graph'))).toBe(true)
      const repo = await GitRepository.open(dir)
      const tip = await repo.branchTip('main')
      for (const [order, flags] of orders) {
        const expected = git(dir, 'log', '--format=%H', ...flags, 'main').split('\n')
        expect(repo.history(tip, { order }).all(), order).toEqual(expected)
        const format = '--format=%H%x09%P%x09%s%x09%an%x09%ae%x09%at'
        const lines = git(dir, 'log', format, '-n', '7', '--skip', '3', ...flags, 'main')
        const page = repo.history(tip, { order }).page(3, 7)
        expect(
          page.map((c) =>
            [
              c.sha,
              c.parents.join(' '),
              c.subject,
              c.author.name,
              c.author.email,
              c.author.timestampMs / 1000,
            ].join('\t'),
          ),
          order,
        ).toEqual(lines.split('\n'))
      }
    })
  }

  it('pages lazily: later pages continue the walk and match git log --skip', async () => {
    const dir = historyRepo()
    const repo = await GitRepository.open(dir)
    const tip = await repo.branchTip('main')
    const history = repo.history(tip)
    expect(history.shas(0, 4)).toEqual(git(dir, 'log', '--format=%H', '-4').split('\n'))
    expect(history.walkedCount).toBe(4)
    expect(history.complete).toBe(false)
    expect(history.shas(4, 4)).toEqual(
      git(dir, 'log', '--format=%H', '-4', '--skip', '4').split('\n'),
    )
    expect(history.shas(100, 10)).toEqual([])
    expect(history.complete).toBe(true)
    expect((await repo.log(tip, 3)).map((c) => c.subject)).toEqual(
      git(dir, 'log', '--format=%s', '-3').split('\n'),
    )
  })

  it('reads a long fast-imported history, before and after git gc', async () => {
    const dir = initRepo()
    made.push(dir)
    fastImport(dir, linearHistoryStream(600, { files: 20 }))
    for (const stage of ['fast-import pack', 'gc']) {
      if (stage === 'gc') git(dir, 'gc', '-q')
      const repo = await GitRepository.open(dir)
      const tip = await repo.branchTip('main')
      expect(repo.history(tip).all(), stage).toEqual(git(dir, 'log', '--format=%H').split('\n'))
      const page = repo.history(tip, { order: 'first-parent' }).page(0, 50)
      expect(page.map((c) => `${c.sha} ${c.subject}`)).toEqual(
        git(dir, 'log', '--format=%H %s', '-50', '--first-parent').split('\n'),
      )
    }
  })

  it('follows a shallow clone to its boundary, as git log does', async () => {
    const source = historyRepo()
    const dir = tempDir()
    made.push(dir)
    git(dir, 'clone', '-q', '--depth', '3', '--branch', 'main', `file://${source}`, '.')
    const repo = await GitRepository.open(dir)
    const tip = await repo.branchTip('main')
    expect(repo.history(tip).all()).toEqual(git(dir, 'log', '--format=%H').split('\n'))
  })
})

describe('ancestry and short names', () => {
  for (const layout of ['loose objects', 'a commit graph']) {
    it(`answers as git merge-base --is-ancestor, from ${layout}`, async () => {
      const dir = historyRepo()
      layouts[layout]!(dir)
      const repo = await GitRepository.open(dir)
      const all = git(dir, 'rev-list', '--all').split('\n')
      const tip = await repo.branchTip('main')
      const branchTips = ['feature', 'one', 'two', 'three', 'main'].map((b) =>
        git(dir, 'rev-parse', b),
      )
      for (const descendant of [...branchTips, all[5]!]) {
        for (const ancestor of all) {
          let expected = true
          try {
            git(dir, 'merge-base', '--is-ancestor', ancestor, descendant)
          } catch {
            expected = false
          }
          expect(await repo.isAncestor(ancestor, descendant), `${ancestor} in ${descendant}`).toBe(
            expected,
          )
        }
      }
      expect(await repo.isAncestor(tip, all.at(-1)!)).toBe(tip === all.at(-1))
    })
  }

  it('abbreviates as git rev-parse --short does, small and large repositories', async () => {
    const small = historyRepo()
    const large = initRepo()
    made.push(large)
    fastImport(large, linearHistoryStream(3000, { files: 50 }))
    git(large, 'gc', '-q')
    for (const dir of [small, large]) {
      const repo = await GitRepository.open(dir)
      for (const sha of git(dir, 'rev-list', '--all').split('\n').slice(0, 40))
        expect(repo.shortSha(sha)).toBe(git(dir, 'rev-parse', '--short', sha))
    }
  })
})
