import type { PodTemplateSpec } from './core'
import type { Condition, IntOrString, KubeObject, LabelSelector } from './meta'
import type { PersistentVolumeClaimTemplate } from './persistent-volume-claim'

/** `apps/v1` StatefulSet. */

export type PodManagementPolicy = 'OrderedReady' | 'Parallel'

export type PersistentVolumeClaimRetentionPolicyType = 'Retain' | 'Delete'

export interface StatefulSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete'
  rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString }
}

export interface StatefulSetSpec {
  replicas?: number
  selector: LabelSelector
  template: PodTemplateSpec
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[]
  serviceName?: string
  podManagementPolicy?: PodManagementPolicy
  updateStrategy?: StatefulSetUpdateStrategy
  revisionHistoryLimit?: number
  minReadySeconds?: number
  persistentVolumeClaimRetentionPolicy?: {
    whenDeleted?: PersistentVolumeClaimRetentionPolicyType
    whenScaled?: PersistentVolumeClaimRetentionPolicyType
  }
  ordinals?: { start?: number }
}

/** Zero counters other than `replicas` and `availableReplicas` are left out, as the API's `omitempty` leaves them. */
export interface StatefulSetStatus {
  observedGeneration?: number
  replicas: number
  readyReplicas?: number
  currentReplicas?: number
  updatedReplicas?: number
  availableReplicas: number
  currentRevision?: string
  updateRevision?: string
  collisionCount?: number
  conditions?: Condition[]
}

export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet'
  spec: StatefulSetSpec
  status?: StatefulSetStatus
}

/** Labels the StatefulSet controller puts on its pods. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name'
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index'
/** `apps.ControllerRevisionHashLabelKey`, on StatefulSet and DaemonSet pods alike. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash'
