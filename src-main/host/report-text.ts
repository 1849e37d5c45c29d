import type { ManifestProblemView, SyncReport } from '../shared/dto'
import { formatTable } from '../sim/views/table'
import type { RunEnd } from './headless-run'
import { infrastructureText } from './infra-text'
import { trafficText } from './traffic-text'

/** `drydock sync` without --json: the report the way kubectl would lay it out. */
export function reportText(report: SyncReport): string {
  const out: string[] = []
  out.push(`Revision:  ${report.revision.slice(0, 7)}  ${report.subject}`)
  out.push(`Phase:     ${report.phase}`)
  out.push(`Health:    ${report.health}`)
  if (report.message) out.push(`Message:   ${report.message}`)
  out.push(`Duration:  ${report.durationSeconds}s of cluster time`)
  if (report.problems.length > 0) out.push('', 'Problems:', ...problemLines(report.problems))
  if (report.resources.length > 0) {
    out.push(
      '',
      formatTable(
        ['KIND', 'NAMESPACE', 'NAME', 'ACTION', 'HEALTH', 'MESSAGE'],
        report.resources.map((r) => [
          r.kind,
          r.namespace ?? '',
          r.name,
          r.action ?? '',
          r.health,
          r.message,
        ]),
      ),
    )
  }
  out.push(...endStateText(report, report.durationSeconds))
  return out.join('\n')
}

/** Each problem as `  file:line: message`. */
export function problemLines(problems: readonly ManifestProblemView[]): string[] {
  return problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
}

/**
 * The cluster a run ended on: its pods as `kubectl get pods -A` lists them, then
 * the machines, which matter once something happened to them or time ran on
 * past `settledSeconds`, when the last sync settled.
 */
export function endStateText(end: RunEnd, settledSeconds: number): string[] {
  const out: string[] = []
  if (end.pods.length > 0) {
    out.push(
      '',
      formatTable(
        ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'],
        end.pods.map((p) => [
          p.namespace,
          p.name,
          p.ready,
          p.status,
          p.restartsText,
          p.age,
          p.node ?? '<none>',
        ]),
      ),
    )
  }
  if (end.faults.length > 0 || end.ranForSeconds > settledSeconds)
    out.push(...infrastructureText(end))
  out.push(...trafficText(end.traffic))
  return out
}
