import type { Namespace } from '../api/core'
import { ApiError, qualifiedName } from './errors'

/**
 * The `NamespaceLifecycle` admission plugin
 * (`plugin/pkg/admission/namespace/lifecycle`): nothing is created in a
 * namespace that does not exist or is being terminated, and the namespaces the
 * cluster needs may not be deleted.
 */

export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set([
  'default',
  'kube-system',
  'kube-public',
])

/** The status cause a controller checks to skip creates in a dying namespace (`NamespaceTerminatingCause`). */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating'

export function admitNamespaceDelete(name: string): void {
  if (IMMORTAL_NAMESPACES.has(name)) {
    throw new ApiError(
      'Forbidden',
      `${qualifiedName('namespaces', '', name)} is forbidden: this namespace may not be deleted`,
    )
  }
}

export interface CreateTarget {
  readonly plural: string
  readonly group: string
  /** The object's name, or its generateName prefix before a name is generated. */
  readonly name: string
  readonly namespace: string
}

/** Refuses a create into a missing or terminating namespace, with the API server's words and cause. */
export function admitCreateInNamespace(
  target: CreateTarget,
  lookup: (name: string) => Namespace | undefined,
): void {
  const ns = lookup(target.namespace)
  if (!ns)
    throw new ApiError('NotFound', `${qualifiedName('namespaces', '', target.namespace)} not found`)
  if (ns.status?.phase !== 'Terminating') return
  throw new ApiError(
    'Forbidden',
    `${qualifiedName(target.plural, target.group, target.name || 'Unknown')} is forbidden: unable to create new content in namespace ${target.namespace} because it is being terminated`,
    [
      {
        type: NAMESPACE_TERMINATING_CAUSE,
        message: `namespace ${target.namespace} is being terminated`,
        field: 'metadata.namespace',
      },
    ],
  )
}
