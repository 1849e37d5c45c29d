import { dataDir } from '../../host/data-dir'
import { historyText } from '../../host/history-text'
import { recordedHistory } from '../../host/repository-commands'
import { UsageError, intOption, parse } from '../args'

/**
 * `drydock history <repo>`: each app's syncs as the app recorded them, oldest
 * first; `--keep <n>` forgets all but the newest n.
 */
export async function historyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    app: { type: 'string' },
    json: { type: 'boolean' },
    keep: { type: 'string' },
  })
  if (positionals.length !== 1) throw new UsageError('history needs exactly one repository path')
  const histories = await recordedHistory({
    repoPath: positionals[0]!,
    dataDir: dataDir(),
    app: values.app,
    keep: intOption(values.keep, 'keep'),
  })
  if (values.json) {
    console.log(JSON.stringify(values.app ? histories[0]!.entries : histories, null, 2))
    return 0
  }
  const text = histories.map(({ app, entries }) => {
    const title = histories.length > 1 ? `${app}:\n` : ''
    const body =
      entries.length > 0
        ? historyText(entries)
        : `No syncs recorded for ${app} yet: the app records them as it syncs (drydock start).`
    return `${title}${body}`
  })
  console.log(text.join('\n\n'))
  return 0
}
