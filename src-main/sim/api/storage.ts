import type { KubeObject } from './meta'
import type { ResourceList } from './core'
import type { NodeSelector } from './affinity'
import type { PersistentVolumeClaim } from './persistent-volume-claim'

export type { PersistentVolumeClaim } from './persistent-volume-claim'

/**
 * Storage: StorageClasses (`storage.k8s.io/v1`), and the PersistentVolumes and
 * PersistentVolumeClaims of core/v1 that bind to each other through them.
 */

export const ANNOTATION_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class'
/** Set by the scheduler on a WaitForFirstConsumer claim: the node its pod goes to. */
export const ANNOTATION_SELECTED_NODE = 'volume.kubernetes.io/selected-node'
/** Set by the PV controller on a claim it hands to an external provisioner. */
export const ANNOTATION_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner'
export const ANNOTATION_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner'
export const ANNOTATION_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed'
export const ANNOTATION_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller'
export const ANNOTATION_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by'

export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod'
export type ReclaimPolicy = 'Retain' | 'Delete' | 'Recycle'
export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer'

export interface StorageClass extends KubeObject {
  kind: 'StorageClass'
  provisioner: string
  parameters?: Record<string, string>
  reclaimPolicy?: ReclaimPolicy
  volumeBindingMode?: VolumeBindingMode
  allowVolumeExpansion?: boolean
  mountOptions?: string[]
}

export interface VolumeNodeAffinity {
  required?: NodeSelector
}

export interface ClaimReference {
  apiVersion?: string
  kind?: string
  namespace?: string
  name?: string
  uid?: string
  resourceVersion?: string
}

export interface PersistentVolumeSpec {
  capacity?: ResourceList
  accessModes?: string[]
  persistentVolumeReclaimPolicy?: ReclaimPolicy
  storageClassName?: string
  volumeMode?: 'Filesystem' | 'Block'
  claimRef?: ClaimReference
  nodeAffinity?: VolumeNodeAffinity
  mountOptions?: string[]
  hostPath?: { path: string; type?: string }
  local?: { path: string; fsType?: string }
  nfs?: { server: string; path: string; readOnly?: boolean }
  csi?: { driver: string; volumeHandle: string; fsType?: string }
}

export type VolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed'

export interface PersistentVolume extends KubeObject {
  kind: 'PersistentVolume'
  spec: PersistentVolumeSpec
  status?: {
    phase?: VolumePhase
    message?: string
    reason?: string
    lastPhaseTransitionTime?: string
  }
}

/** The class a claim asks for; `''` is "no class" (`GetPersistentVolumeClaimClass`). */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.spec.storageClassName ?? ''
}

export function volumeClass(volume: PersistentVolume): string {
  return volume.spec.storageClassName ?? ''
}
