import { formatUnixDate, toRfc3339 } from '../kernel/time'
import { DATE_MARK } from '../images/shell'
import type { ContainerRun } from './runtime-state'

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
