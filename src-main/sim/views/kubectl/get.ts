import type { KubeObject } from '../../api/meta'
import type { ClusterReader } from '../describe/context'
import { ageOnlyPrinter, customResourcePrinter, defaultPrinter } from '../print/custom-resource'
import { type TablePrinter, tableRows } from '../print/printer'
import { builtinPrinters } from '../print/registry'
import { GET_TABWRITER, tabwrite } from '../tabwriter'
import { type ResourceRequest, parseResourceArgs } from './args'
import { type ObjectFormat, printObjects } from './print-object'
import {
  type ApiResource,
  apiResources,
  byNamespaceAndName,
  kindPrefix,
  qualifiedName,
} from './resources'

/** What a kubectl command writes, and its exit status. */
export interface CommandOutput {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

export interface GetOptions {
  /** Words after `get`: `pods`, `deploy web`, `pod/web-1`, `pods,svc`, `all`. */
  readonly args: readonly string[]
  readonly namespace?: string
  readonly allNamespaces?: boolean
  readonly wide?: boolean
  readonly showLabels?: boolean
  /** `-o yaml` or `-o json`: the objects themselves instead of a table. */
  readonly format?: ObjectFormat
}

/** The `all` category, in the order discovery lists its members. */
export const ALL_CATEGORY = [
  'pods',
  'replicationcontrollers',
  'services',
  'daemonsets.apps',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'horizontalpodautoscalers.autoscaling',
  'cronjobs.batch',
  'jobs.batch',
]

interface Group {
  resource: ApiResource
  objects: KubeObject[]
}

/** The objects each request names (in API order), and a NotFound error for each name missing. */
function fetchObjects(
  store: ClusterReader,
  requests: readonly ResourceRequest[],
  namespace: string,
  allNamespaces: boolean | undefined,
): { groups: Group[]; errors: string[] } {
  const errors: string[] = []
  const groups: Group[] = []
  for (const { resource, names } of requests) {
    let objects: KubeObject[] = []
    if (names.length === 0) {
      const listNs = resource.namespaced && !allNamespaces ? namespace : undefined
      objects = store.list(resource.kind, { namespace: listNs }).sort(byNamespaceAndName)
    }
    for (const name of names) {
      const obj = store.get(resource.kind, resource.namespaced ? namespace : undefined, name)
      if (obj) objects.push(obj)
      else errors.push(`Error from server (NotFound): ${qualifiedName(resource, name)} not found\n`)
    }
    const last = groups[groups.length - 1]
    if (last && last.resource === resource) last.objects.push(...objects)
    else groups.push({ resource, objects })
  }
  return { groups, errors }
}

/** The table the API server would send for a resource type. */
export function printerFor(resource: ApiResource): TablePrinter {
  // Drydock's own kinds (drydock.dev) are custom to kubectl, but come with their columns.
  const own = builtinPrinters[resource.kind]
  if (resource.custom && !(own && resource.group === 'drydock.dev'))
    return resource.printerColumns ? customResourcePrinter(resource.printerColumns) : ageOnlyPrinter
  return own ?? defaultPrinter
}

/**
 * `kubectl get`: one table per resource type, separated by a blank line, names
 * prefixed with `kind/` when several types print; objects in API order; errors
 * after the tables; `No resources found in <ns> namespace.` on stderr when
 * nothing printed.
 */
export function kubectlGet(
  store: ClusterReader,
  nowMs: number,
  options: GetOptions,
): CommandOutput {
  const resources = apiResources(store)
  const parsed = parseResourceArgs(options.args, resources, ALL_CATEGORY)
  if ('error' in parsed) return { stdout: '', stderr: `${parsed.error}\n`, exitCode: 1 }
  const namespace = options.namespace ?? 'default'
  if (options.allNamespaces && parsed.requests.some((r) => r.names.length > 0))
    return {
      stdout: '',
      stderr: 'error: a resource cannot be retrieved by name across all namespaces\n',
      exitCode: 1,
    }
  const { groups, errors } = fetchObjects(store, parsed.requests, namespace, options.allNamespaces)
  if (options.format) {
    const named = parsed.requests.reduce((n, r) => n + r.names.length, 0)
    const objects = groups.flatMap((g) => g.objects)
    const none = objects.length === 0 && errors.length > 0
    return {
      stdout: none ? '' : printObjects(objects, named === 1, options.format),
      stderr: errors.join(''),
      exitCode: errors.length > 0 ? 1 : 0,
    }
  }
  const withKind = new Set(groups.map((g) => `${g.resource.kind}.${g.resource.group}`)).size > 1
  const tables = groups
    .filter((g) => g.objects.length > 0)
    .map(({ resource, objects }) => {
      const { header, rows } = tableRows(
        printerFor(resource),
        objects,
        { nowMs },
        {
          wide: options.wide,
          withNamespace: options.allNamespaces && resource.namespaced,
          showLabels: options.showLabels,
          kindPrefix: withKind ? kindPrefix(resource) : undefined,
        },
      )
      return tabwrite([header, ...rows].map((r) => `${r.join('\t')}\n`).join(''), GET_TABWRITER)
    })
  let stderr = errors.join('')
  if (tables.length === 0 && errors.length === 0) {
    const allNamespaced = !options.allNamespaces && groups.every((g) => g.resource.namespaced)
    stderr = allNamespaced
      ? `No resources found in ${namespace} namespace.\n`
      : 'No resources found\n'
  }
  return { stdout: tables.join('\n'), stderr, exitCode: errors.length > 0 ? 1 : 0 }
}
