import { headlessReplay } from '../../host/headless-replay'
import { replayText } from '../../host/replay-text'
import { UsageError, parse } from '../args'
import { syncFlags, syncOptions } from '../sync-flags'

const { revision: _revision, ...replaySyncFlags } = syncFlags

/**
 * `drydock replay <repo> [--from <ref>] [--to <ref>]`: exit 0 when the last
 * commit of the range ends Succeeded, 1 when not.
 */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...replaySyncFlags,
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (positionals.length !== 1) throw new UsageError('replay needs exactly one repository path')
  const { revision: _, ...options } = syncOptions(positionals[0]!, values)
  const { report } = await headlessReplay({ ...options, from: values.from, to: values.to })
  console.log(values.json ? JSON.stringify(report, null, 2) : replayText(report))
  return report.commits.at(-1)?.phase === 'Succeeded' ? 0 : 1
}
