import { UsageError, parse } from '../args'
import { kubectlSyncFlags } from '../sync-flags'
import { runKubectl } from './kubectl'

/**
 * `drydock describe <kind> [name]`: syncs the revision into a fresh simulated
 * cluster, then prints what `kubectl describe` would.
 */
export async function describeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...kubectlSyncFlags,
    'all-namespaces': { type: 'boolean', short: 'A' },
  })
  if (positionals.length === 0)
    throw new UsageError(
      'describe needs the type of resource to describe, e.g. "drydock describe deployment web"',
    )
  return runKubectl(values, {
    verb: 'describe',
    options: {
      args: positionals,
      namespace: values.namespace,
      allNamespaces: values['all-namespaces'],
    },
  })
}
