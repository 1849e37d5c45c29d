import { dataDir } from '../../host/data-dir'
import { diffText, headlessDiff } from '../../host/headless-diff'
import { UsageError, intOption, parse } from '../args'

/**
 * `drydock diff <repo>`: what a sync of a revision would apply. Exit status as
 * `kubectl diff`'s: 0 nothing to change, 1 changes, 2 bad input.
 */
export async function diffCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    revision: { type: 'string', short: 'r' },
    from: { type: 'string' },
    app: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (positionals.length !== 1) throw new UsageError('diff needs exactly one repository path')
  const report = await headlessDiff({
    repoPath: positionals[0]!,
    revision: values.revision,
    from: values.from,
    app: values.app,
    seed: intOption(values.seed, 'seed'),
    dataDir: dataDir(),
  })
  if (values.json) console.log(JSON.stringify(report, null, 2))
  else {
    const from = report.from
      ? `${report.from.revision.slice(0, 7)} (${report.from.source === 'history' ? "the app's last successful sync" : '--from'})`
      : 'an empty cluster'
    console.log(
      `App ${report.app}: ${report.revision.slice(0, 7)} ${report.subject}, against ${from}`,
    )
    const text = diffText(report)
    if (text) console.log(`\n${text}`)
    else console.log('\nNothing to change: the cluster already matches.')
  }
  if (report.problems.length > 0) return 2
  return report.resources.length > 0 ? 1 : 0
}
