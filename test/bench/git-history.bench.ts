import { execFileSync } from 'node:child_process'
import { GitRepository } from '../../src-main/git/repository'
import {
  commitFiles,
  fastImport,
  git,
  initRepo,
  linearHistoryStream,
  removeDir,
} from '../helpers/git'
import { row } from './measure'

const COMMITS = 10_000
const FILES = 10_000
const ROUNDS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`
}

/**
 * `git log --format=%H` and Drydock's reader of the same history, run back to
 * back in alternation so both see the same load on a shared machine.
 */
async function historyRows(dir: string, label: string): Promise<string[]> {
  const gitMs: number[] = []
  const wholeMs: number[] = []
  const pageMs: number[] = []
  let count = 0
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now()
    execFileSync('git', ['log', '--format=%H', 'main'], { cwd: dir, maxBuffer: 1 << 26 })
    gitMs.push(performance.now() - start)
    // A fresh repository each round: nothing cached from the round before.
    const repo = await GitRepository.open(dir)
    start = performance.now()
    const tip = await repo.branchTip('main')
    count = repo.history(tip).all().length
    wholeMs.push(performance.now() - start)
    const fresh = await GitRepository.open(dir)
    start = performance.now()
    await fresh.log(await fresh.branchTip('main'), 50)
    pageMs.push(performance.now() - start)
  }
  const ratio = median(wholeMs) / median(gitMs)
  return [
    `  ${label}`,
    row(`  git log --format=%H`, `${ms(median(gitMs))} (median of ${ROUNDS})`),
    row(
      `  drydock, whole history (${count} commits)`,
      `${ms(median(wholeMs))} (first ${ms(wholeMs[0]!)}), ${ratio.toFixed(2)}× git`,
    ),
    row(
      `  drydock, first page of 50 with subjects`,
      `${ms(median(pageMs))} (first ${ms(pageMs[0]!)})`,
    ),
  ]
}

async function history(): Promise<string[]> {
  const dir = initRepo()
  try {
    fastImport(dir, linearHistoryStream(COMMITS, { files: 100 }))
    const lines = await historyRows(
      dir,
      `history of ${COMMITS} commits, fast-import pack, no commit graph`,
    )
    git(dir, 'gc', '-q')
    lines.push(...(await historyRows(dir, `the same after git gc (commit graph)`)))
    return lines
  } finally {
    removeDir(dir)
  }
}

/** One commit of 10,000 files in 100 folders listed cold, then a one-file commit on it; medians of five. */
async function treeListing(): Promise<string[]> {
  const dir = initRepo()
  try {
    const parts = [
      'commit refs/heads/main\ncommitter Test Author <author@example.com> 1700000000 +0000\ndata 10\nAdd files\n',
    ]
    for (let i = 0; i < FILES; i++) {
      const content = `n: ${i}\n`
      parts.push(
        `M 100644 inline apps/app-${i % 100}/f${i}.yaml\ndata ${content.length}\n${content}\n`,
      )
    }
    fastImport(dir, parts.join(''))
    git(dir, 'checkout', '-q', '-f', 'main')
    const first = git(dir, 'rev-parse', 'HEAD')
    const coldMs: number[] = []
    const afterMs: number[] = []
    let files = 0
    let coldTrees = 0
    let afterTrees = 0
    for (let round = 0; round < ROUNDS; round++) {
      // Cold: a fresh repository, nothing parsed yet.
      const repo = await GitRepository.open(dir)
      let start = performance.now()
      files = (await repo.listFiles(first, '')).length
      coldMs.push(performance.now() - start)
      coldTrees = repo.trees.treesRead
      // Then a new one-file commit on top, listed by the same (warm) repository.
      const next = commitFiles(
        dir,
        { [`apps/app-${round}/f${round}.yaml`]: `n: changed ${round}\n` },
        'Change one file',
      )
      git(dir, 'reset', '-q', '--hard', first)
      start = performance.now()
      await repo.listFiles(next, '')
      afterMs.push(performance.now() - start)
      afterTrees = repo.trees.treesRead - coldTrees
    }
    return [
      row(
        `list ${files} files of a commit, cold`,
        `${ms(median(coldMs))} (${coldTrees} trees read)`,
      ),
      row(
        `list ${files} files after a one-file commit`,
        `${ms(median(afterMs))} (${afterTrees} trees read)`,
      ),
    ]
  } finally {
    removeDir(dir)
  }
}

export async function gitHistoryBench(): Promise<string[]> {
  return [...(await history()), ...(await treeListing())]
}
