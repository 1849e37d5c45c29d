import type { DesiredObject } from '../manifest/types'

/**
 * The order Argo CD (and Helm before it) applies kinds in: what others depend on
 * comes first. Unknown kinds go after these, then by name.
 */
export const kindOrder: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
]

const rank = new Map(kindOrder.map((k, i) => [k, i]))

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave'

function wave(d: DesiredObject): number {
  const value = Number(d.object.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0)
  return Number.isFinite(value) ? value : 0
}

/** Sorts by sync wave, then kind order, then namespace and name. */
export function syncOrder(a: DesiredObject, b: DesiredObject): number {
  const byWave = wave(a) - wave(b)
  if (byWave !== 0) return byWave
  const ra = rank.get(a.object.kind) ?? kindOrder.length
  const rb = rank.get(b.object.kind) ?? kindOrder.length
  if (ra !== rb) return ra - rb
  if (a.object.kind !== b.object.kind) return a.object.kind < b.object.kind ? -1 : 1
  const na = `${a.object.metadata.namespace ?? ''}/${a.object.metadata.name}`
  const nb = `${b.object.metadata.namespace ?? ''}/${b.object.metadata.name}`
  return na < nb ? -1 : na > nb ? 1 : 0
}
