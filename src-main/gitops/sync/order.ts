import type { DesiredObject, Manifest } from '../manifest/types'

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
/** Helm's weight of a hook, which Argo CD takes as its wave. */
const HELM_HOOK_WEIGHT = 'helm.sh/hook-weight'

/** An object's sync wave: its annotation, 0 without one (or with one that is not a number). */
export function syncWave(obj: Manifest): number {
  const annotations = obj.metadata.annotations
  const value = Number(annotations?.[SYNC_WAVE_ANNOTATION] ?? annotations?.[HELM_HOOK_WEIGHT] ?? 0)
  return Number.isInteger(value) ? value : 0
}

/** Kind order, then namespace and name: the order within one wave. */
export function kindOrderOf(a: Manifest, b: Manifest): number {
  const ra = rank.get(a.kind) ?? kindOrder.length
  const rb = rank.get(b.kind) ?? kindOrder.length
  if (ra !== rb) return ra - rb
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1
  const na = `${a.metadata.namespace ?? ''}/${a.metadata.name}`
  const nb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`
  return na < nb ? -1 : na > nb ? 1 : 0
}

/** Sorts by sync wave, then kind order, then namespace and name. */
export function syncOrder(a: DesiredObject, b: DesiredObject): number {
  return syncWave(a.object) - syncWave(b.object) || kindOrderOf(a.object, b.object)
}
