import type { PodAffinity, PodAntiAffinity } from './pod-affinity'

/** Node affinity (`core/v1` `NodeSelector` and friends). */

export type NodeSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'

export interface NodeSelectorRequirement {
  key: string
  operator: NodeSelectorOperator
  values?: string[]
}

/** Expressions match node labels; fields match node fields (only `metadata.name` is supported). */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[]
  matchFields?: NodeSelectorRequirement[]
}

/** The terms are ORed. */
export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[]
}

export interface PreferredSchedulingTerm {
  weight: number
  preference: NodeSelectorTerm
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[]
}

export interface Affinity {
  nodeAffinity?: NodeAffinity
  podAffinity?: PodAffinity
  podAntiAffinity?: PodAntiAffinity
}
