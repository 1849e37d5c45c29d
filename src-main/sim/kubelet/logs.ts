import { formatUnixDate, toRfc3339 } from '../kernel/time'
import { DATE_MARK } from '../images/shell'
import type { ContainerRun, ContainerRuntime } from './runtime-state'

export interface LogLine {
  timeMs: number
  text: string
}

/**
 * The log of one container run up to `nowMs`, computed from its process plan:
 * fixed lines, then an endless loop's lines period after period. Only the last
 * `limit` lines are built, whatever the run's length.
 */
export function runLogs(run: ContainerRun, nowMs: number, limit = 5000): LogLine[] {
  const until = Math.min(nowMs, run.endedAtMs ?? nowMs) - run.startedAtMs
  const out: LogLine[] = []
  for (const line of run.plan.lines)
    if (line.atMs <= until) out.push({ timeMs: run.startedAtMs + line.atMs, text: line.text })
  const loop = run.plan.loop
  if (loop && until >= loop.fromMs && loop.lines.length > 0) {
    const periods = Math.floor((until - loop.fromMs) / loop.periodMs) + 1
    const first = Math.max(0, periods - Math.ceil(limit / loop.lines.length) - 1)
    for (let k = first; k < periods; k++) {
      for (const line of loop.lines) {
        const at = loop.fromMs + k * loop.periodMs + line.offsetMs
        if (at <= until) out.push({ timeMs: run.startedAtMs + at, text: line.text })
      }
    }
  }
  return out
    .slice(-limit)
    .map((l) =>
      l.text.includes(DATE_MARK)
        ? { ...l, text: l.text.split(DATE_MARK).join(formatUnixDate(l.timeMs)) }
        : l,
    )
}

/** `kubectl logs --timestamps` style. */
export function formatLogLine(line: LogLine, timestamps: boolean): string {
  return timestamps
    ? `${toRfc3339(line.timeMs).replace('Z', '.000000000Z')} ${line.text}`
    : line.text
}

/**
 * The run whose log `kubectl logs` reads (`validateContainerLogStatus`): the
 * running or terminated container, else the last terminated one (a crash loop
 * shows why it crashed); with `previous`, the run before the current one.
 * Otherwise why there is none, in the kubelet's words.
 */
export function runForLogs(
  c: ContainerRuntime,
  pod: string,
  previous: boolean,
): ContainerRun | { error: string } {
  const running = (c.activity === 'running' || c.activity === 'stopping') && c.run !== undefined
  const terminated = !running && c.terminated !== undefined && c.activity !== 'crash-backoff'
  // The run `lastState.terminated` describes: the one before the current run, or the last while it waits to restart.
  const last = running || terminated ? c.previous : c.lastTerminated ? c.run : undefined
  if (previous)
    return last ?? { error: `previous terminated container "${c.name}" in pod "${pod}" not found` }
  if (running) return c.run!
  if (terminated) return c.run ?? { error: `container "${c.name}" in pod "${pod}" is terminated` }
  if (last) return last
  const waiting = `container "${c.name}" in pod "${pod}" is waiting to start`
  switch (c.waitingReason) {
    case 'ErrImagePull':
      return { error: `${waiting}: image can't be pulled` }
    case 'ImagePullBackOff':
      return { error: `${waiting}: trying and failing to pull image` }
    default:
      return { error: `${waiting}: ${c.waitingReason || 'ContainerCreating'}` }
  }
}
