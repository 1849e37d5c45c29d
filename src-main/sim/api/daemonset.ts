import type { PodTemplateSpec } from './core'
import type { Condition, IntOrString, KubeObject, LabelSelector } from './meta'

/** `apps/v1` DaemonSet. */

export interface DaemonSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete'
  rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString }
}

export interface DaemonSetSpec {
  selector: LabelSelector
  template: PodTemplateSpec
  updateStrategy?: DaemonSetUpdateStrategy
  minReadySeconds?: number
  revisionHistoryLimit?: number
}

/** The four scheduling counters are always present; the rest are left out at zero (`omitempty`). */
export interface DaemonSetStatus {
  currentNumberScheduled: number
  numberMisscheduled: number
  desiredNumberScheduled: number
  numberReady: number
  observedGeneration?: number
  updatedNumberScheduled?: number
  numberAvailable?: number
  numberUnavailable?: number
  collisionCount?: number
  conditions?: Condition[]
}

export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet'
  spec: DaemonSetSpec
  status?: DaemonSetStatus
}
