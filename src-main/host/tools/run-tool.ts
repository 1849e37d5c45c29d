import { execFile } from 'node:child_process'
import fs from 'node:fs'
import type { ToolResult } from '../../gitops/ports'

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
  /** Folders whose paths are replaced by paths from the repository root in what the tool prints. */
  hide: string[]
}

const DEFAULT_TIMEOUT_MS = 120_000
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024

/**
 * Runs a rendering tool and returns what it printed: its YAML and warnings, or
 * its error trimmed to the lines that say what went wrong, with the temporary
 * folder's paths turned back into the repository's.
 */
export function runTool(binary: string, args: string[], options: RunOptions): Promise<ToolResult> {
  const hidden = options.hide.flatMap((dir) => [dir, realpath(dir)])
  const clean = (text: string) =>
    hidden.reduce((t, dir) => t.split(`${dir}/`).join('').split(dir).join('.'), text)
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      {
        cwd: options.cwd,
        env: options.env,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, yaml: stdout, warnings: warnings(clean(stderr)) })
        const text = clean(stderr).trim()
        const timedOut = error.killed && error.signal === 'SIGTERM'
        resolve({
          ok: false,
          error: timedOut
            ? `${binary} did not finish within ${(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`
            : text
              ? usefulError(text)
              : `${binary} failed: ${error.message}`,
        })
      },
    )
  })
}

function realpath(dir: string): string {
  try {
    return fs.realpathSync(dir)
  } catch {
    return dir
  }
}

/** klog's prefix (`E1206 08:13:43.309470   25236 run.go:72] `), which older kubectls print errors with. */
const KLOG = /^[EWI]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] /

/**
 * The error as the tool words it: its `error:` / `Error:` line and the indented
 * lines that continue it, joined; Helm's advice to use --debug dropped.
 */
export function usefulError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map(fromKlog)
    .filter((l) => !/^Use --debug flag/.test(l))
  const start = lines.findIndex((l) => /^(error|Error):? /.test(l))
  if (start === -1) return lines.filter((l) => l.trim() !== '').at(-1) ?? stderr
  const block = [lines[start]!]
  for (const line of lines.slice(start + 1)) {
    if (!/^\s+\S/.test(line)) break
    block.push(line.trim())
  }
  return block.join(' ')
}

/** `E… "command failed" err="…"` as kubectl itself prints it: `error: …`. */
function fromKlog(line: string): string {
  if (!KLOG.test(line)) return line
  const err = /"command failed" err="(.*)"$/.exec(line)
  if (err) return `error: ${err[1]!.replace(/\\"/g, '"')}`
  return line.replace(KLOG, '')
}

function warnings(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => fromKlog(l).replace(/^# /, '').trim())
    .filter((l) => l !== '')
}
