import type { ApiResource } from './resources'
import { resolveResource } from './resources'

/** What `ResourceTypeOrNameArgs` makes of the words after the verb. */
export interface ResourceRequest {
  readonly resource: ApiResource
  /** Empty: every object of the type. */
  readonly names: readonly string[]
}

export type ParsedArgs = { readonly requests: ResourceRequest[] } | { readonly error: string }

/**
 * `type`, `type name...`, `type1,type2 [name...]`, or `type/name...`; `all` is
 * the category kubectl expands to the common workload kinds.
 */
export function parseResourceArgs(
  args: readonly string[],
  resources: readonly ApiResource[],
  allCategory: readonly string[],
): ParsedArgs {
  const requests: ResourceRequest[] = []
  const resolve = (arg: string): ApiResource | { error: string } =>
    resolveResource(arg, resources) ?? {
      error: `error: the server doesn't have a resource type "${arg}"`,
    }
  if (args.length > 0 && args.every((a) => a.includes('/'))) {
    for (const arg of args) {
      const slash = arg.indexOf('/')
      const resource = resolve(arg.slice(0, slash))
      if ('error' in resource) return resource
      const name = arg.slice(slash + 1)
      if (!name)
        return {
          error: `error: arguments in resource/name form must have a single resource and name`,
        }
      requests.push({ resource, names: [name] })
    }
    return { requests }
  }
  if (args.some((a) => a.includes('/')))
    return {
      error:
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>')",
    }
  const [types = '', ...names] = args
  for (const type of types.split(',').filter(Boolean)) {
    const expanded = type.toLowerCase() === 'all' ? allCategory : [type]
    for (const t of expanded) {
      const resource = type.toLowerCase() === 'all' ? resolveResource(t, resources) : resolve(t)
      if (!resource) continue
      if ('error' in resource) return resource
      requests.push({ resource, names })
    }
  }
  return { requests }
}
