import type { Container } from '../api/core'
import { bytes, cpuMillis } from '../api/quantity'
import type { ImageBehaviour } from '../images/catalog'
import { argvToScript, runShell, type FileEvent, type Timeline } from '../images/shell'

/**
 * What a container's process will do, worked out when it starts: when its server
 * listens, the lines it writes, whether and when it exits (and how), and what it
 * uses. Everything is an offset from the start, so logs and probes are computed
 * on demand and a container that is just running costs nothing.
 */
export interface ProcessPlan {
  lines: Timeline['lines']
  loop?: Timeline['loop']
  files?: FileEvent[]
  /** When the server starts listening on the image's ports. */
  listensAtMs?: number
  exit?: { atMs: number; code: number; reason?: 'OOMKilled' }
  /** The container never started: the runtime refused it (`StartError`). */
  startError?: string
  /** Whether the process handles SIGTERM (servers do; a shell as PID 1 ignores it). */
  stopsOnSigterm: boolean
  memoryBytes: number
  memoryLeakBytesPerMs?: number
  cpuMillis: number
  /** It wants more CPU than its limit and runs slower for it. */
  cpuThrottled?: boolean
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash'])
/** Programs every image with a shell has, run through the interpreter. */
const UTILITIES = new Set([
  'echo',
  'printf',
  'sleep',
  'true',
  'false',
  'env',
  'printenv',
  'date',
  'hostname',
  'tail',
  'cat',
  'touch',
  'ls',
  'exit',
])

const basename = (path: string): string => path.split('/').pop() ?? path

/** runc's words: a path that is not there is stat'ed; a bare name is looked up in $PATH. */
function execError(name: string): string {
  const why = name.includes('/')
    ? `stat ${name}: no such file or directory`
    : 'executable file not found in $PATH'
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${name}": ${why}: unknown`
}

/** Every container of one image logs the same lines: they are built once and shared (read-only). */
const serverLogsByBehaviour = new WeakMap<ImageBehaviour, Pick<ProcessPlan, 'lines' | 'loop'>>()

function serverLogs(behaviour: ImageBehaviour): Pick<ProcessPlan, 'lines' | 'loop'> {
  let logs = serverLogsByBehaviour.get(behaviour)
  if (logs) return logs
  const start = behaviour.startLogs ?? []
  const every = behaviour.loopLogs
  logs = {
    lines: start.map((text, i) => ({
      atMs: Math.round((behaviour.startupMs * (i + 1)) / (start.length + 1)),
      text,
    })),
    loop:
      every && every.lines.length > 0
        ? {
            fromMs: behaviour.startupMs + every.periodMs,
            periodMs: every.periodMs,
            lines: every.lines.map((text) => ({ offsetMs: 0, text })),
          }
        : undefined,
  }
  serverLogsByBehaviour.set(behaviour, logs)
  return logs
}

function serverPlan(
  behaviour: ImageBehaviour,
  env: ReadonlyMap<string, string>,
): Omit<ProcessPlan, 'memoryBytes' | 'cpuMillis'> {
  const required = behaviour.requiredEnv
  if (required && !required.anyOf.some((name) => (env.get(name) ?? '') !== '')) {
    return {
      lines: required.logs.map((text) => ({ atMs: 50, text })),
      exit: { atMs: 100, code: required.exitCode },
      stopsOnSigterm: true,
    }
  }
  const { lines, loop } = serverLogs(behaviour)
  const exitAfter = behaviour.exitAfter
  if (!exitAfter) return { lines, loop, listensAtMs: behaviour.startupMs, stopsOnSigterm: true }
  const atMs = exitAfter.atMs
  return {
    lines: [
      ...lines.filter((l) => l.atMs <= atMs),
      ...exitAfter.logs.map((text) => ({ atMs, text })),
    ],
    loop,
    listensAtMs: behaviour.startupMs < atMs ? behaviour.startupMs : undefined,
    exit: { atMs, code: exitAfter.code },
    stopsOnSigterm: true,
  }
}

function scriptPlan(timeline: Timeline): Omit<ProcessPlan, 'memoryBytes' | 'cpuMillis'> {
  return {
    lines: timeline.lines,
    loop: timeline.loop,
    files: timeline.files,
    exit: timeline.exit,
    stopsOnSigterm: false,
  }
}

/** The command line the container runs: its command and args, or the image's defaults. */
function plan(
  container: Container,
  behaviour: ImageBehaviour,
  env: ReadonlyMap<string, string>,
): Omit<ProcessPlan, 'memoryBytes' | 'cpuMillis'> {
  const { command, args } = container
  if (!command?.length && !args?.length) {
    // A shell image with nothing to do: its shell finds no terminal and exits at once.
    return behaviour.entrypoint === 'server'
      ? serverPlan(behaviour, env)
      : scriptPlan({ lines: [], exit: { atMs: 0, code: 0 } })
  }
  // Without a command, args go to a server image's entrypoint; a shell image has none, so they are the command.
  if (!command?.length && behaviour.entrypoint === 'server') return serverPlan(behaviour, env)
  const argv = [...(command ?? []), ...(args ?? [])]
  const program = basename(argv[0]!)
  if (behaviour.serverCommands.some((c) => c === argv[0] || basename(c) === program))
    return serverPlan(behaviour, env)
  if (behaviour.hasShell && SHELLS.has(program)) {
    const script = argv[1] === '-c' ? (argv[2] ?? '') : ''
    return scriptPlan(runShell(script, env))
  }
  if (behaviour.hasShell && UTILITIES.has(program))
    return scriptPlan(runShell(argvToScript(argv), env))
  return { lines: [], startError: execError(argv[0]!), stopsOnSigterm: true }
}

/** The process plan of one container, with the memory limit applied: over it, the kernel kills it. */
export function planProcess(
  container: Container,
  behaviour: ImageBehaviour,
  env: ReadonlyMap<string, string>,
): ProcessPlan {
  if (!readsNoEnvironment(container, behaviour))
    return throttled(container, memoryLimited(container, behaviour, env))
  const known = plansByContainer.get(container)
  if (known?.behaviour === behaviour) return known.plan
  const plan = throttled(container, memoryLimited(container, behaviour, env))
  plansByContainer.set(container, { behaviour, plan })
  return plan
}

/**
 * Plans that depend on nothing but the container and its image, by container:
 * the replicas of a workload share their template's container, and so one
 * plan (read-only, like the logs in it).
 */
const plansByContainer = new WeakMap<Container, { behaviour: ImageBehaviour; plan: ProcessPlan }>()

/**
 * Whether `plan` reads nothing of the environment for this container: it runs
 * the image's own server (which reads it only for `requiredEnv`), or a shell
 * image with nothing to do. A command line may run a script that reads it.
 */
function readsNoEnvironment(container: Container, behaviour: ImageBehaviour): boolean {
  if (container.command?.length) return false
  if (behaviour.entrypoint === 'server') return !behaviour.requiredEnv
  return !container.args?.length
}

/**
 * CFS quota: a process that wants more CPU than its limit gets only the limit,
 * and everything it does before listening takes longer by the same factor.
 */
function throttled(container: Container, plan: ProcessPlan): ProcessPlan {
  const limit = container.resources?.limits?.cpu
  if (limit === undefined || plan.cpuMillis <= cpuMillis(limit)) return plan
  const allowed = Math.max(1, cpuMillis(limit))
  const factor = Math.min(10, plan.cpuMillis / allowed)
  return { ...stretchedStartup(plan, factor), cpuMillis: allowed, cpuThrottled: true }
}

/**
 * CPU steal: the hypervisor gives the node's VM only 1 − `steal` of the CPU it
 * wants, so everything before listening takes 1 / (1 − steal) as long.
 */
export function slowedBySteal(plan: ProcessPlan, steal: number): ProcessPlan {
  return steal > 0 && steal < 1 ? stretchedStartup(plan, 1 / (1 - steal)) : plan
}

/** Start-up (what happens up to listening) taking `factor` times as long; a process that never listens is left as it is. */
function stretchedStartup(plan: ProcessPlan, factor: number): ProcessPlan {
  const stretch = (ms: number | undefined): number | undefined =>
    ms === undefined || plan.listensAtMs === undefined || ms > plan.listensAtMs
      ? ms
      : Math.round(ms * factor)
  return {
    ...plan,
    listensAtMs: stretch(plan.listensAtMs),
    lines: plan.lines.map((l) => ({ ...l, atMs: stretch(l.atMs)! })),
  }
}

function memoryLimited(
  container: Container,
  behaviour: ImageBehaviour,
  env: ReadonlyMap<string, string>,
): ProcessPlan {
  const base = plan(container, behaviour, env)
  const memoryBytes = behaviour.memoryBytes
  const limit = container.resources?.limits?.memory
  const leak = base.listensAtMs !== undefined ? (behaviour.memoryLeakBytesPerMs ?? 0) : 0
  if (!base.startError && limit !== undefined && leak > 0 && memoryBytes <= bytes(limit)) {
    // A leak reaches the limit in time; the kernel kills it there, if nothing ends it first.
    const atMs = behaviour.startupMs + Math.ceil((bytes(limit) - memoryBytes) / leak)
    if (base.exit === undefined || base.exit.atMs > atMs)
      return {
        ...base,
        exit: { atMs, code: 137, reason: 'OOMKilled' },
        memoryBytes,
        memoryLeakBytesPerMs: leak,
        cpuMillis: behaviour.cpuMillis,
      }
  }
  if (!base.startError && limit !== undefined && memoryBytes > bytes(limit)) {
    // The process reaches its working set as it starts, and is OOM-killed there.
    const atMs = Math.max(1, Math.round(behaviour.startupMs / 2))
    return {
      ...base,
      lines: base.lines.filter((l) => l.atMs < atMs),
      listensAtMs: undefined,
      loop: undefined,
      exit: { atMs, code: 137, reason: 'OOMKilled' },
      memoryBytes,
      cpuMillis: behaviour.cpuMillis,
    }
  }
  return {
    ...base,
    memoryBytes,
    ...(leak > 0 ? { memoryLeakBytesPerMs: leak } : {}),
    cpuMillis: behaviour.cpuMillis,
  }
}

/** Memory in use `sinceStartMs` into a run: the working set, plus what a leak has gained. */
export function memoryAt(plan: ProcessPlan, sinceStartMs: number): number {
  const leak = plan.memoryLeakBytesPerMs ?? 0
  return plan.memoryBytes + Math.max(0, sinceStartMs - (plan.listensAtMs ?? 0)) * leak
}
