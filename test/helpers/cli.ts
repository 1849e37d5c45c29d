import { spawnSync } from 'node:child_process'
import { binPath } from './paths'

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the real `drydock` command (in `cwd` when given) and returns what it printed. */
export function drydockIn(cwd: string | undefined, ...args: string[]): CliRun {
  return drydockWith({ cwd }, ...args)
}

/** The same, with extra environment variables (`DRYDOCK_DATA_DIR`, say). */
export function drydockWith(
  options: { cwd?: string; env?: Record<string, string> },
  ...args: string[]
): CliRun {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

export function drydock(...args: string[]): CliRun {
  return drydockIn(undefined, ...args)
}
