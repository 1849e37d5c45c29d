import { dataDir } from '../../host/data-dir'
import { writeRevert, writeRollback } from '../../host/repository-commands'
import { UsageError, parse } from '../args'

const flags = { app: { type: 'string' }, json: { type: 'boolean' } } as const

/**
 * `drydock rollback <repo> <history-number | revision>`: commits the app's
 * folder as it was at a history entry's revision (or any revision), on the
 * branch the app follows, as Drydock's rollback button does.
 */
export async function rollbackCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, flags)
  if (positionals.length !== 2)
    throw new UsageError('rollback needs a repository path and a history number or a revision')
  const { written, text } = await writeRollback({
    repoPath: positionals[0]!,
    dataDir: dataDir(),
    to: positionals[1]!,
    app: values.app,
  })
  console.log(values.json ? JSON.stringify(written, null, 2) : text)
  return 0
}

/** `drydock revert <repo> <revision>`: commits the inverse of one commit, as `git revert` does. */
export async function revertCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, flags)
  if (positionals.length !== 2)
    throw new UsageError('revert needs a repository path and the commit to revert')
  const { written, text } = await writeRevert({
    repoPath: positionals[0]!,
    revision: positionals[1]!,
    app: values.app,
  })
  console.log(values.json ? JSON.stringify(written, null, 2) : text)
  return 0
}
