import { headlessSync } from '../../host/headless-sync'
import { reportText } from '../../host/report-text'
import { UsageError, parse } from '../args'
import { syncFlags, syncOptions } from '../sync-flags'

/** `drydock sync <repo>`: exit 0 when the revision ends healthy, 1 when not. */
export async function syncCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...syncFlags, json: { type: 'boolean' } })
  if (positionals.length !== 1) throw new UsageError('sync needs exactly one repository path')
  const { report } = await headlessSync(syncOptions(positionals[0]!, values))
  console.log(values.json ? JSON.stringify(report, null, 2) : reportText(report))
  return report.phase === 'Succeeded' && report.health === 'Healthy' ? 0 : 1
}
