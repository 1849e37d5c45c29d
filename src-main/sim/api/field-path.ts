import type { Pod } from './core'

/**
 * `fieldpath.ExtractFieldPathAsString` for the paths a container's env may name
 * through `fieldRef` (the downward API). The kubelet resolves them to build the
 * environment, and `kubectl describe` to show it.
 */
export function podFieldPath(
  pod: Pod & { status?: { podIPs?: { ip: string }[] } },
  path: string,
): string {
  const keyed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (keyed) return pod.metadata[keyed[1] as 'labels' | 'annotations']?.[keyed[2]!] ?? ''
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default'
    case 'metadata.uid':
      return pod.metadata.uid ?? ''
    case 'spec.nodeName':
      return pod.spec.nodeName ?? ''
    case 'spec.serviceAccountName':
      // The API server sets it to `default` when the pod names none.
      return pod.spec.serviceAccountName ?? 'default'
    case 'status.hostIP':
      return pod.status?.hostIP ?? ''
    case 'status.podIP':
      return pod.status?.podIP ?? ''
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((p) => p.ip).join(',')
    default:
      return ''
  }
}
