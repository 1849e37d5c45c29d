import type { KubeObject } from '../../api/meta'
import type { ClusterReader, DescribeContext } from '../describe/context'
import { describeGeneric } from '../describe/generic'
import { describers } from '../describe/registry'
import { parseResourceArgs } from './args'
import type { CommandOutput } from './get'
import { type ApiResource, apiResources, byNamespaceAndName, qualifiedName } from './resources'

export interface DescribeOptions {
  /** Words after `describe`: `deployment web`, `pod/web-1`, `pods`, `pod web` (a name prefix). */
  readonly args: readonly string[]
  readonly namespace?: string
  readonly allNamespaces?: boolean
}

export function describeObject(
  resource: ApiResource,
  obj: KubeObject,
  ctx: DescribeContext,
): string {
  const describer = resource.custom ? undefined : describers[resource.kind]
  return (describer ?? describeGeneric)(obj, ctx)
}

/**
 * `kubectl describe`: each object's description, two blank lines between. A
 * name that matches nothing is tried as a prefix (`kubectl describe pod web`
 * describes every pod whose name starts with `web`) before it is an error.
 */
export function kubectlDescribe(
  store: ClusterReader,
  nowMs: number,
  options: DescribeOptions,
): CommandOutput {
  const resources = apiResources(store)
  const parsed = parseResourceArgs(options.args, resources, [])
  if ('error' in parsed) return { stdout: '', stderr: `${parsed.error}\n`, exitCode: 1 }
  const namespace = options.namespace ?? 'default'
  const ctx: DescribeContext = { store, nowMs }
  const found: { resource: ApiResource; obj: KubeObject }[] = []
  const errors: string[] = []
  for (const { resource, names } of parsed.requests) {
    const ns = resource.namespaced ? namespace : undefined
    if (names.length === 0) {
      const listNs = resource.namespaced && !options.allNamespaces ? namespace : undefined
      for (const obj of store.list(resource.kind, { namespace: listNs }).sort(byNamespaceAndName))
        found.push({ resource, obj })
      continue
    }
    for (const name of names) {
      const obj = store.get(resource.kind, ns, name)
      if (obj) {
        found.push({ resource, obj })
        continue
      }
      const notFound = `Error from server (NotFound): ${qualifiedName(resource, name)} not found\n`
      // `DescribeMatchingResources`: only for the two words `type name`.
      if (options.args.length === 2 && !/[,/]/.test(options.args[0]!)) {
        const matches = store
          .list(resource.kind, { namespace: ns })
          .filter((o) => o.metadata.name.startsWith(name))
          .sort(byNamespaceAndName)
        if (matches.length > 0) {
          const text = matches.map((o) => `${describeObject(resource, o, ctx)}\n`).join('')
          return { stdout: text, stderr: '', exitCode: 0 }
        }
      }
      errors.push(notFound)
    }
  }
  const stdout = found.map(({ resource, obj }) => describeObject(resource, obj, ctx)).join('\n\n')
  let stderr = errors.join('')
  if (found.length === 0 && errors.length === 0)
    stderr = options.allNamespaces
      ? 'No resources found\n'
      : `No resources found in ${namespace} namespace.\n`
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 }
}
