import { headlessSync } from '../../host/headless-sync'
import { reportText } from '../../host/report-text'
import { parseDurationMs } from '../../shared/duration'
import { UsageError, intOption, parse } from '../args'

/** `drydock sync <repo>`: exit 0 when the revision ends healthy, 1 when not. */
export async function syncCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    revision: { type: 'string', short: 'r' },
    json: { type: 'boolean' },
    seed: { type: 'string' },
    timeout: { type: 'string' },
    path: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
  })
  if (positionals.length !== 1) throw new UsageError('sync needs exactly one repository path')
  let timeoutMs: number | undefined
  try {
    timeoutMs = values.timeout === undefined ? undefined : parseDurationMs(values.timeout)
  } catch (e) {
    throw new UsageError(`--timeout: ${(e as Error).message}`)
  }
  const { report } = await headlessSync({
    repoPath: positionals[0]!,
    revision: values.revision,
    seed: intOption(values.seed, 'seed'),
    settings: {
      ...(timeoutMs !== undefined && { syncTimeoutMs: timeoutMs }),
      ...(values.path !== undefined && { path: values.path }),
      ...(values.namespace !== undefined && { namespace: values.namespace }),
    },
  })
  console.log(values.json ? JSON.stringify(report, null, 2) : reportText(report))
  return report.phase === 'Succeeded' && report.health === 'Healthy' ? 0 : 1
}
