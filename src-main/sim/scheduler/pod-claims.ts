import type { Pod, Volume } from '../api/core'
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api/storage'
import type { ObjectStore } from '../store/store'

/** A pod's claims as VolumeBinding sees them (`GetPodVolumeClaims`). */
export interface PodClaims {
  readonly bound: readonly { claim: PersistentVolumeClaim; volume: PersistentVolume | undefined }[]
  /** Unbound claims of a WaitForFirstConsumer class: they wait for this pod's node. */
  readonly delayed: readonly PersistentVolumeClaim[]
  /** Unbound claims of any other class: the pod cannot be scheduled until they bind. */
  readonly immediate: readonly PersistentVolumeClaim[]
}

export function claimNames(pod: Pod): readonly string[] {
  let names: string[] | undefined
  for (const v of pod.spec.volumes ?? NO_VOLUMES)
    if (v.persistentVolumeClaim) (names ??= []).push(v.persistentVolumeClaim.claimName)
  // Asked of every pod the scheduler sees, and most have no claim: no array for them.
  return names ?? NO_CLAIMS
}

const NO_VOLUMES: readonly Volume[] = []
const NO_CLAIMS: readonly string[] = []

export function storageClassOf(
  store: ObjectStore,
  claim: PersistentVolumeClaim,
): StorageClass | undefined {
  const name = claim.spec.storageClassName
  return name ? store.get<StorageClass>('StorageClass', undefined, name) : undefined
}

/**
 * The claims a pod mounts, sorted by what they still need; or why the pod cannot
 * be scheduled at all, in `podHasPVCs`' words (a claim missing, lost, or being
 * deleted). Undefined for a pod without claims.
 */
export function podClaims(
  store: ObjectStore,
  pod: Pod,
): PodClaims | { rejection: string } | undefined {
  const names = claimNames(pod)
  if (names.length === 0) return undefined
  const namespace = pod.metadata.namespace ?? 'default'
  const bound: { claim: PersistentVolumeClaim; volume: PersistentVolume | undefined }[] = []
  const delayed: PersistentVolumeClaim[] = []
  const immediate: PersistentVolumeClaim[] = []
  for (const name of names) {
    const claim = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name)
    if (!claim) return { rejection: `persistentvolumeclaim "${name}" not found` }
    if (claim.status?.phase === 'Lost')
      return {
        rejection: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec.volumeName ?? ''}"`,
      }
    if (claim.metadata.deletionTimestamp)
      return { rejection: `persistentvolumeclaim "${name}" is being deleted` }
    if (claim.spec.volumeName) {
      const volume = store.get<PersistentVolume>(
        'PersistentVolume',
        undefined,
        claim.spec.volumeName,
      )
      bound.push({ claim, volume })
    } else if (storageClassOf(store, claim)?.volumeBindingMode === 'WaitForFirstConsumer')
      delayed.push(claim)
    else immediate.push(claim)
  }
  return { bound, delayed, immediate }
}
