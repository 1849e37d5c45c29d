import type { ResourceList } from './core'
import type { KubeObject, LabelSelector, ObjectMeta } from './meta'

/** `core/v1` PersistentVolumeClaim: what a StatefulSet's volumeClaimTemplates stamp out. */
export interface PersistentVolumeClaimSpec {
  accessModes?: string[]
  resources?: { requests?: ResourceList; limits?: ResourceList }
  storageClassName?: string
  volumeMode?: 'Filesystem' | 'Block'
  volumeName?: string
  selector?: LabelSelector
}

export type PersistentVolumeClaimPhase = 'Pending' | 'Bound' | 'Lost'

export interface PersistentVolumeClaimStatus {
  phase?: PersistentVolumeClaimPhase
  accessModes?: string[]
  capacity?: ResourceList
}

export interface PersistentVolumeClaim extends KubeObject {
  kind: 'PersistentVolumeClaim'
  spec: PersistentVolumeClaimSpec
  status?: PersistentVolumeClaimStatus
}

/** A claim as a template carries it: a name, and no namespace or identity yet. */
export interface PersistentVolumeClaimTemplate {
  apiVersion?: string
  kind?: string
  metadata: Partial<ObjectMeta> & { name: string }
  spec: PersistentVolumeClaimSpec
  status?: PersistentVolumeClaimStatus
}
