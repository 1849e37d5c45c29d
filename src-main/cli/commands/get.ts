import { UsageError, parse } from '../args'
import { kubectlSyncFlags } from '../sync-flags'
import { runKubectl } from './kubectl'

/**
 * `drydock get <kind> [name...]`: syncs the revision into a fresh simulated
 * cluster, then prints what `kubectl get` would.
 */
export async function getCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...kubectlSyncFlags,
    output: { type: 'string', short: 'o' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    'show-labels': { type: 'boolean' },
  })
  if (positionals.length === 0)
    throw new UsageError('get needs the type of resource to get, e.g. "drydock get pods"')
  if (values.output !== undefined && !['wide', 'yaml', 'json'].includes(values.output))
    throw new UsageError(
      `-o ${values.output}: unable to match a printer suitable for the output format "${values.output}", allowed formats are: json,wide,yaml`,
    )
  return runKubectl(values, {
    verb: 'get',
    options: {
      args: positionals,
      namespace: values.namespace,
      allNamespaces: values['all-namespaces'],
      wide: values.output === 'wide',
      format: values.output === 'yaml' || values.output === 'json' ? values.output : undefined,
      showLabels: values['show-labels'],
    },
  })
}
