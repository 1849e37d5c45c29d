import type { KubeObject, ObjectRef } from '../api/meta'

/** The store key of an object: `Kind/namespace/name`, with an empty namespace for cluster-scoped kinds. */
export function keyOf(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`
}

export function keyOfObject(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`
}

/** `namespace/name` (or `name` when cluster-scoped): the work-queue key controllers use, as upstream. */
export function namespacedName(obj: { metadata: { namespace?: string; name: string } }): string {
  return obj.metadata.namespace
    ? `${obj.metadata.namespace}/${obj.metadata.name}`
    : obj.metadata.name
}

export function splitNamespacedName(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/')
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) }
}
