import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { RepoSession } from '../../src-main/host/repo-session'
import { courseRepo, writeAndCommitRaw } from '../helpers/course'
import { removeDir } from '../helpers/git'
import { row } from './measure'

const ROUNDS = 15

/** `git commit` in `dir`, as a person runs it: the event loop keeps turning meanwhile. */
function gitCommit(dir: string, message: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['commit', '-q', '-a', '-m', message], {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      },
      stdio: 'ignore',
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now()) : reject(new Error(`git commit exited ${code}`)),
    )
  })
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/**
 * From `git commit` to the app's sync of the new commit starting, next to a bare
 * `fs.watch` on the same folders (the floor: what the file system tells anyone),
 * both timed from the moment the commit was started and from when it returned.
 */
export async function commitLatencyBench(): Promise<string[]> {
  const course = await courseRepo('first-deployment', 1)
  const gitdir = path.join(course.dir, '.git')
  let syncStarted: ((at: number) => void) | undefined
  /** The revision of the newest sync before the commit: a newer one is the commit's. */
  let before: string | undefined
  const session: RepoSession = await RepoSession.open(course.dir, undefined, {
    speed: 1,
    onChange: () => {
      if (!syncStarted) return
      const latest = session.snapshot().apps[0]?.history[0]?.sync.revision
      if (latest !== before) syncStarted(performance.now())
    },
  })
  const newest = (): string | undefined => session.snapshot().apps[0]?.history[0]?.sync.revision
  // The floor: the moment the file system says the branch itself moved (git renames
  // refs/heads/main.lock over refs/heads/main as the commit's last step).
  const watchers = [fs.watch(path.join(gitdir, 'refs', 'heads'), { persistent: false })]
  let sawChange: ((at: number) => void) | undefined
  for (const w of watchers)
    w.on('change', (_event, file) => {
      if (String(file) === 'main') sawChange?.(performance.now())
    })
  const fromStart = { floor: [] as number[], drydock: [] as number[] }
  const fromReturn = { floor: [] as number[], drydock: [] as number[] }
  try {
    for (let i = 0; i < ROUNDS; i++) {
      // 3, 4, 5, 3…: each commit changes the one before (the first commit has 2).
      const replicas = 3 + (i % 3)
      const file = fs.readFileSync(path.join(course.dir, 'deployment.yaml'), 'utf8')
      writeAndCommitRaw(
        course.dir,
        'deployment.yaml',
        file.replace(/replicas: \d+/, `replicas: ${replicas}`),
      )
      before = newest()
      const watched = new Promise<number>((resolve) => (sawChange = resolve))
      const synced = new Promise<number>((resolve) => (syncStarted = resolve))
      const startedAt = performance.now()
      const returnedAt = await gitCommit(course.dir, `Scale web to ${replicas} (${i})`)
      const [watchAt, syncAt] = await Promise.all([watched, synced])
      sawChange = syncStarted = undefined
      fromStart.floor.push(watchAt - startedAt)
      fromStart.drydock.push(syncAt - startedAt)
      fromReturn.floor.push(Math.max(0, watchAt - returnedAt))
      fromReturn.drydock.push(syncAt - returnedAt)
      // Let the rollout go on a little, as between two commits a person makes.
      await new Promise((r) => setTimeout(r, 150))
    }
  } finally {
    for (const w of watchers) w.close()
    session.close()
    removeDir(course.dir)
  }
  const ms = (v: number): string => `${v.toFixed(1)} ms`
  return [
    row(
      `commit → sync starting, median of ${ROUNDS}, from git commit returning`,
      `${ms(median(fromReturn.drydock))} (bare fs.watch: ${ms(median(fromReturn.floor))})`,
    ),
    row(
      `  from git commit starting`,
      `${ms(median(fromStart.drydock))} (bare fs.watch: ${ms(median(fromStart.floor))}, ${(median(fromStart.drydock) / median(fromStart.floor)).toFixed(1)}× the floor)`,
    ),
  ]
}
