import type { ReplayCommitReport, ReplayReport } from '../shared/replay-dto'
import { formatTable } from '../sim/views/table'
import { endStateText, problemLines } from './report-text'

const tookSeconds = (c: ReplayCommitReport): number =>
  Math.round((c.finishedAtSeconds - c.startedAtSeconds) * 1000) / 1000

/** Why a commit did not succeed, with the files and lines of its problems. */
function whyNot(c: ReplayCommitReport): string[] {
  if (c.phase === 'Succeeded') return []
  return [`${c.revision.slice(0, 7)}  ${c.phase}: ${c.message}`, ...problemLines(c.problems)]
}

/**
 * `drydock replay` without --json: one line per commit, why each that did not
 * succeed did not, then the cluster as `drydock sync` shows it at the end.
 */
export function replayText(report: ReplayReport): string {
  const out: string[] = []
  const { base, commits } = report
  if (base)
    out.push(
      `Started from ${base.revision.slice(0, 7)}  ${base.subject} (${base.phase}, ${base.health}, settled ${tookSeconds(base)}s before the replay)`,
      ...whyNot(base),
      '',
    )
  out.push(
    formatTable(
      ['REVISION', 'SUBJECT', 'PHASE', 'HEALTH', 'DURATION'],
      commits.map((c) => [
        c.revision.slice(0, 7),
        c.subject,
        c.phase,
        c.health,
        `${tookSeconds(c)}s`,
      ]),
    ),
  )
  const failures = commits.flatMap(whyNot)
  if (failures.length > 0) out.push('', ...failures)
  out.push(...endStateText(report, commits.at(-1)?.finishedAtSeconds ?? 0))
  return out.join('\n')
}
