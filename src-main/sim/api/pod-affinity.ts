import type { LabelSelector } from './meta'

/**
 * Inter-pod affinity (`core/v1` `PodAffinity`, `PodAntiAffinity`). A term selects
 * pods by labels in some namespaces; the nodes that share its `topologyKey` value
 * with a node running such a pod form one domain.
 */
export interface PodAffinityTerm {
  /** Unset selects no pods; `{}` selects every pod. */
  labelSelector?: LabelSelector
  /** Empty with no `namespaceSelector`: the pod's own namespace. */
  namespaces?: string[]
  /** `{}` selects every namespace. */
  namespaceSelector?: LabelSelector
  topologyKey: string
  matchLabelKeys?: string[]
  mismatchLabelKeys?: string[]
}

export interface WeightedPodAffinityTerm {
  /** 1–100. */
  weight: number
  podAffinityTerm: PodAffinityTerm
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[]
}

/** Same shape as `PodAffinity`, read the other way round: keep away from the selected pods. */
export type PodAntiAffinity = PodAffinity
