import type { Condition, IntOrString, KubeObject, LabelSelector } from './meta'
import type { PodTemplateSpec } from './core'

export interface DeploymentStrategy {
  type?: 'RollingUpdate' | 'Recreate'
  rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString }
}

export interface DeploymentSpec {
  replicas?: number
  selector: LabelSelector
  template: PodTemplateSpec
  strategy?: DeploymentStrategy
  minReadySeconds?: number
  revisionHistoryLimit?: number
  progressDeadlineSeconds?: number
  paused?: boolean
}

export interface DeploymentStatus {
  observedGeneration?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  unavailableReplicas?: number
  conditions?: Condition[]
}

export interface Deployment extends KubeObject {
  kind: 'Deployment'
  spec: DeploymentSpec
  status?: DeploymentStatus
}

export interface ReplicaSetSpec {
  replicas?: number
  selector: LabelSelector
  template: PodTemplateSpec
  minReadySeconds?: number
}

export interface ReplicaSetStatus {
  replicas: number
  fullyLabeledReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  observedGeneration?: number
  conditions?: Condition[]
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet'
  spec: ReplicaSetSpec
  status?: ReplicaSetStatus
}
