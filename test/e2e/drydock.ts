import { spawn, type ChildProcess } from 'node:child_process'
import { test as base } from '@playwright/test'
import { courseRepo } from '../helpers/course'
import { removeDir, tempDir } from '../helpers/git'
import { binPath } from '../helpers/paths'

/** A Pod the page draws as Running. */
export const running = '[data-testid=pod][data-status=Running]'
/** A pod whose one container has passed its readiness probe. */
export const ready = '[data-testid=pod][data-ready="1/1"]'

export interface RunningDrydock {
  url: string
  output(): string
}

/** Starts browser mode (`drydock serve`) on a repository and stops it after the test. */
export async function startDrydock(
  repo: string,
): Promise<RunningDrydock & { stop(): Promise<void> }> {
  // Each run keeps its apps' history in a folder of its own, removed when it stops.
  const dataDir = tempDir('drydock-e2e-data-')
  const child: ChildProcess = spawn(process.execPath, [binPath, 'serve', repo, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DRYDOCK_STRICT: '1', DRYDOCK_DATA_DIR: dataDir },
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += String(d)))
  child.stderr!.on('data', (d) => (output += String(d)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`drydock serve did not start:\n${output}`)),
      30_000,
    )
    const look = (): void => {
      const m = /Drydock is running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout!.on('data', look)
    child.on('exit', (code) => reject(new Error(`drydock serve exited with ${code}:\n${output}`)))
  })
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.on('exit', () => resolve())
        child.kill('SIGTERM')
      }).then(() => removeDir(dataDir)),
  }
}

/**
 * `serve(repo)` starts Drydock for the test; the fixture stops it only after the
 * test's closing screenshot has been taken, so the artifact shows the live app.
 */
export type Lab = Awaited<ReturnType<typeof courseRepo>>

export const test = base.extend<{
  serve: (repo: string) => Promise<RunningDrydock>
  /** The first-deployment lab's first `steps` commits in a fresh repository, removed after the test. */
  lab: (steps: number) => Promise<Lab>
  /** The lab's first commit served and open in the page, its two pods drawn Running. */
  openLab: () => Promise<Lab>
}>({
  openLab: async ({ page, serve, lab }, use) => {
    await use(async () => {
      const course = await lab(1)
      const drydock = await serve(course.dir)
      await page.goto(drydock.url)
      await base.expect(page.locator(running)).toHaveCount(2, { timeout: 20_000 })
      return course
    })
  },
  // eslint-disable-next-line no-empty-pattern
  lab: async ({}, use) => {
    const made: Lab[] = []
    await use(async (steps) => {
      const course = await courseRepo('first-deployment', steps)
      made.push(course)
      return course
    })
    for (const course of made) removeDir(course.dir)
  },
  // Playwright reads a fixture's dependencies from this parameter's pattern; it must stay `{}`.
  // eslint-disable-next-line no-empty-pattern
  serve: async ({}, use) => {
    const started: Awaited<ReturnType<typeof startDrydock>>[] = []
    await use(async (repo) => {
      const drydock = await startDrydock(repo)
      started.push(drydock)
      return drydock
    })
    for (const drydock of started) await drydock.stop()
  },
})
export { expect } from '@playwright/test'
