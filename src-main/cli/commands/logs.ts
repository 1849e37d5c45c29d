import { UsageError, parse } from '../args'
import { kubectlSyncFlags } from '../sync-flags'
import { runKubectl } from './kubectl'

/**
 * `drydock logs <pod | type/name> [container]`: syncs the revision into a fresh
 * simulated cluster, then prints what `kubectl logs` would.
 */
export async function logsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...kubectlSyncFlags,
    container: { type: 'string', short: 'c' },
    previous: { type: 'boolean', short: 'p' },
    tail: { type: 'string' },
    timestamps: { type: 'boolean' },
  })
  if (positionals.length === 0)
    throw new UsageError('logs needs a pod or TYPE/NAME, e.g. "drydock logs deployment/web"')
  const tail = values.tail === undefined ? undefined : Number(values.tail)
  if (tail !== undefined && !Number.isInteger(tail))
    throw new UsageError(`--tail ${values.tail}: expected a whole number of lines (-1 for all)`)
  return runKubectl(values, {
    verb: 'logs',
    options: {
      args: positionals,
      namespace: values.namespace,
      container: values.container,
      previous: values.previous,
      tail,
      timestamps: values.timestamps,
    },
  })
}
