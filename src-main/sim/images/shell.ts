import { parseScript, type Node, type Word } from './shell-parse'

/**
 * What a shell script does over time, worked out once when the container starts:
 * the lines it writes (at offsets from its start), an endless loop if it has one,
 * and when it exits with what status. Logs and exits then need no timers ticking.
 */
export interface Timeline {
  lines: { atMs: number; text: string }[]
  /** Lines written again every `periodMs` from `fromMs`, forever. */
  loop?: { fromMs: number; periodMs: number; lines: { offsetMs: number; text: string }[] }
  /** Absent when the script never ends by itself. */
  exit?: { atMs: number; code: number }
  /** Files the script creates and removes, for `exec` probes such as `cat /tmp/healthy`. */
  files?: FileEvent[]
}

export interface FileEvent {
  atMs: number
  path: string
  exists: boolean
}

/** Stands for the current date in a log line; replaced when the log is read. */
export const DATE_MARK = '\u0000date\u0000'

const MAX_STEPS = 20_000

/** Utilities that exist in shell images and succeed silently here. */
const quietUtilities = new Set([
  'cat',
  'touch',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'ls',
  'wget',
  'curl',
  'nc',
  'test',
  '[',
  'cd',
  'export',
  'set',
  'trap',
  'chmod',
  'apk',
  'apt-get',
  'ping',
  'nslookup',
])

class Forever extends Error {}
class Exit extends Error {
  constructor(readonly code: number) {
    super('exit')
  }
}

class Run {
  t = 0
  status = 0
  steps = 0
  lines: { atMs: number; text: string }[] = []
  files: FileEvent[] = []
  loop?: Timeline['loop']

  constructor(private readonly env: Map<string, string>) {}

  expand(word: Word): string {
    return word
      .map((p) =>
        'text' in p
          ? p.text
          : p.variable === '?'
            ? String(this.status)
            : (this.env.get(p.variable) ?? ''),
      )
      .join('')
  }

  exec(node: Node): void {
    if (++this.steps > MAX_STEPS) throw new Forever()
    switch (node.type) {
      case 'list':
        for (const item of node.items) {
          if (item.op === '&&' && this.status !== 0) continue
          if (item.op === '||' && this.status === 0) continue
          this.exec(item.node)
        }
        return
      case 'if':
        this.exec(node.condition)
        if (this.status === 0) this.exec(node.then)
        else if (node.else) this.exec(node.else)
        else this.status = 0
        return
      case 'for':
        for (const value of node.values
          .map((w) => this.expand(w))
          .flatMap((v) => v.split(/\s+/).filter(Boolean))) {
          this.env.set(node.variable, value)
          this.exec(node.body)
        }
        return
      case 'while':
        return this.whileLoop(node)
      case 'command':
        return this.command(node)
    }
  }

  private whileLoop(node: Extract<Node, { type: 'while' }>): void {
    const endless =
      node.condition.type === 'list' &&
      node.condition.items.length === 1 &&
      isAlways(node.condition.items[0]!.node, node.until)
    if (endless) {
      // Run the body once: if it exits, so does the script; if it sleeps, it is a periodic loop.
      const start = this.t
      const before = this.lines.length
      this.exec(node.body)
      const period = this.t - start
      if (period <= 0) throw new Forever()
      const body = this.lines.slice(before).map((l) => ({ offsetMs: l.atMs - start, text: l.text }))
      this.lines.length = before
      this.loop = { fromMs: start, periodMs: period, lines: body }
      throw new Forever()
    }
    for (;;) {
      this.exec(node.condition)
      if ((this.status === 0) === node.until) break
      this.exec(node.body)
    }
    this.status = 0
  }

  private touch(paths: string[], exists: boolean): void {
    for (const path of paths)
      if (path.startsWith('/')) this.files.push({ atMs: this.t, path, exists })
  }

  private print(text: string, silent: boolean): void {
    if (!silent) for (const line of text.split('\n')) this.lines.push({ atMs: this.t, text: line })
  }

  private command(node: Extract<Node, { type: 'command' }>): void {
    const argv = node.words.map((w) => this.expand(w))
    if (node.target) this.touch([node.target], true)
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s
    while (argv.length > 0 && assignment.test(argv[0]!)) {
      const [, k, v] = assignment.exec(argv.shift()!)!
      this.env.set(k!, v!)
    }
    if (argv.length === 0) return
    const [name, ...args] = argv as [string, ...string[]]
    const base = name.split('/').pop()!
    switch (base) {
      case 'echo': {
        const newline = args[0] !== '-n'
        const text = (newline ? args : args.slice(1)).filter((a) => a !== '-e').join(' ')
        if (newline || text) this.print(text.replace(/\\n/g, '\n'), node.silent)
        this.status = 0
        return
      }
      case 'printf': {
        let i = 0
        const text = (args[0] ?? '')
          .replace(/%[sd]/g, () => args[1 + i++] ?? '')
          .replace(/\\n$/, '')
          .replace(/\\n/g, '\n')
        this.print(text, node.silent)
        this.status = 0
        return
      }
      case 'sleep':
        if (args[0] === 'infinity') throw new Forever()
        this.t += sleepMs(args[0] ?? '0')
        this.status = 0
        return
      case 'exit':
        throw new Exit(args[0] === undefined ? this.status : Number(args[0]) & 255)
      case 'true':
      case ':':
        this.status = 0
        return
      case 'false':
        this.status = 1
        return
      case 'date':
        this.print(DATE_MARK, node.silent)
        this.status = 0
        return
      case 'hostname':
        this.print(this.env.get('HOSTNAME') ?? '', node.silent)
        this.status = 0
        return
      case 'env':
      case 'printenv':
        if (args[0]) this.print(this.env.get(args[0]) ?? '', node.silent)
        else for (const [k, v] of this.env) this.print(`${k}=${v}`, node.silent)
        this.status = 0
        return
      case 'tail':
        if (args.includes('-f') || args.includes('-F')) throw new Forever()
        this.status = 0
        return
      case 'sh':
      case 'bash':
      case 'ash':
        if (args[0] === '-c' && args[1] !== undefined) this.exec(parseScript(args[1]))
        this.status = 0
        return
    }
    if (base === 'touch') this.touch(args, true)
    if (base === 'rm')
      this.touch(
        args.filter((a) => !a.startsWith('-')),
        false,
      )
    if (quietUtilities.has(base)) {
      this.status = 0
      return
    }
    this.print(`sh: ${name}: not found`, false)
    this.status = 127
  }
}

function isAlways(node: Node, until: boolean): boolean {
  if (node.type !== 'command' || node.words.length !== 1) return false
  const word = node.words[0]!.map((p) => ('text' in p ? p.text : '')).join('')
  return until ? word === 'false' : word === 'true' || word === ':'
}

/** `sleep` arguments: seconds, or with a unit (`5m`, `1h`, `0.5`). */
function sleepMs(arg: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg)
  if (!m) return 0
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as '' | 's' | 'm' | 'h' | 'd'
  ]
  return Math.round(Number(m[1]) * unit)
}

/** Runs a script (`sh -c <script>`), or a single command when `argv` is given instead. */
export function runShell(script: string, env: ReadonlyMap<string, string>): Timeline {
  const run = new Run(new Map(env))
  try {
    run.exec(parseScript(script))
    return withFiles(run, { lines: run.lines, exit: { atMs: run.t, code: run.status } })
  } catch (e) {
    if (e instanceof Exit)
      return withFiles(run, { lines: run.lines, exit: { atMs: run.t, code: e.code } })
    if (e instanceof Forever)
      return withFiles(run, run.loop ? { lines: run.lines, loop: run.loop } : { lines: run.lines })
    if (e instanceof Error && e.message.startsWith('syntax error')) {
      return { lines: [{ atMs: 0, text: `sh: ${e.message}` }], exit: { atMs: 0, code: 2 } }
    }
    throw e
  }
}

function withFiles(run: Run, timeline: Timeline): Timeline {
  return run.files.length > 0 ? { ...timeline, files: run.files } : timeline
}

/** Whether `path` exists `atMs` after the start, by the script's own doing. */
export function fileExists(
  files: readonly FileEvent[] | undefined,
  path: string,
  atMs: number,
): boolean {
  let exists = false
  for (const f of files ?? []) if (f.path === path && f.atMs <= atMs) exists = f.exists
  return exists
}

/** Quotes argv words back into a script line, so a plain command runs through the same interpreter. */
export function argvToScript(argv: readonly string[]): string {
  return argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
}
