import type { LabelSelector } from './meta'

export type UnsatisfiableConstraintAction = 'DoNotSchedule' | 'ScheduleAnyway'

/** Whether a node that fails the pod's node affinity (or its taints) still counts as a domain. */
export type NodeInclusionPolicy = 'Honor' | 'Ignore'

/** `core/v1` `TopologySpreadConstraint`. */
export interface TopologySpreadConstraint {
  maxSkew: number
  topologyKey: string
  whenUnsatisfiable: UnsatisfiableConstraintAction
  labelSelector?: LabelSelector
  /** Only with `DoNotSchedule`; unset counts as 1. */
  minDomains?: number
  /** Unset means `Honor`. */
  nodeAffinityPolicy?: NodeInclusionPolicy
  /** Unset means `Ignore`. */
  nodeTaintsPolicy?: NodeInclusionPolicy
  /** The values of these pod labels are added to the selector. */
  matchLabelKeys?: string[]
}
