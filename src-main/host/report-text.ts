import type { SyncReport } from '../shared/dto'
import { formatTable } from '../sim/views/table'
import { infrastructureText } from './infra-text'

/** `drydock sync` without --json: the report the way kubectl would lay it out. */
export function reportText(report: SyncReport): string {
  const out: string[] = []
  out.push(`Revision:  ${report.revision.slice(0, 7)}  ${report.subject}`)
  out.push(`Phase:     ${report.phase}`)
  out.push(`Health:    ${report.health}`)
  if (report.message) out.push(`Message:   ${report.message}`)
  out.push(`Duration:  ${report.durationSeconds}s of cluster time`)
  if (report.problems.length > 0) {
    out.push('', 'Problems:')
    for (const p of report.problems)
      out.push(`  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
  }
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
  if (report.pods.length > 0) {
    out.push(
      '',
      formatTable(
        ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'],
        report.pods.map((p) => [
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
  // The machines matter once something happened to them, or time ran on past the sync.
  if (report.faults.length > 0 || report.ranForSeconds > report.durationSeconds)
    out.push(...infrastructureText(report))
  return out.join('\n')
}
