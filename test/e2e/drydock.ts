import { spawn, type ChildProcess } from 'node:child_process'
import { test as base } from '@playwright/test'
import { removeDir, tempDir } from '../helpers/git'
import { binPath } from '../helpers/paths'

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
export const test = base.extend<{ serve: (repo: string) => Promise<RunningDrydock> }>({
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
