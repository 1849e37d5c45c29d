import type { Taint, Toleration } from '../api/core'
import type { NodeInfo } from './node-info'
import type { PodInfo } from './pod-info'

/**
 * Filter and score plugins of the default scheduler profile, in its order. A filter
 * returns the reasons a node does not fit (kube-scheduler's words) and whether
 * preemption could ever help; a score returns 0–100.
 */
export interface FilterResult {
  reasons: string[]
  /** `UnschedulableAndUnresolvable`: evicting pods would not make the node fit. */
  unresolvable: boolean
}

export interface FilterPlugin {
  name: string
  filter(pod: PodInfo, node: NodeInfo): FilterResult | undefined
}

export interface ScorePlugin {
  name: string
  weight: number
  score(pod: PodInfo, node: NodeInfo): number
}

export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false
    if (t.operator === 'Exists') return !t.key || t.key === taint.key
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '')
  })
}

const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, info) {
    if (!info.node.spec.unschedulable) return undefined
    if (
      tolerates(pod.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
    )
      return undefined
    return { reasons: ['node(s) were unschedulable'], unresolvable: true }
  },
}

const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, info) {
    const taints = info.node.spec.taints
    if (!taints) return undefined
    const taint = taints.find(
      (t) =>
        (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.tolerations, t),
    )
    if (!taint) return undefined
    return {
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      unresolvable: true,
    }
  },
}

const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, info) {
    const labels = info.node.metadata.labels ?? {}
    for (const key in pod.nodeSelector) {
      if (labels[key] !== pod.nodeSelector[key]) {
        return {
          reasons: ["node(s) didn't match Pod's node affinity/selector"],
          unresolvable: true,
        }
      }
    }
    return undefined
  },
}

const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, info) {
    const tooMany = info.podCount + 1 > info.allocatablePods
    const cpu =
      pod.cpuMillis > 0 && pod.cpuMillis > info.allocatableCpuMillis - info.requestedCpuMillis
    const memory =
      pod.memoryBytes > 0 &&
      pod.memoryBytes > info.allocatableMemoryBytes - info.requestedMemoryBytes
    if (!tooMany && !cpu && !memory) return undefined
    const reasons: string[] = []
    if (tooMany) reasons.push('Too many pods')
    if (cpu) reasons.push('Insufficient cpu')
    if (memory) reasons.push('Insufficient memory')
    return { reasons, unresolvable: false }
  },
}

export const filterPlugins: readonly FilterPlugin[] = [
  nodeUnschedulable,
  taintToleration,
  nodeAffinity,
  nodeResourcesFit,
]

function leastAllocatedPart(requested: number, capacity: number): number {
  return capacity <= 0 || requested > capacity ? 0 : ((capacity - requested) * 100) / capacity
}

/** `NodeResourcesFit` with the LeastAllocated strategy: prefer nodes with more room. */
const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, info) {
    const part = leastAllocatedPart
    const cpu = part(info.nonZeroCpuMillis + pod.nonZeroCpuMillis, info.allocatableCpuMillis)
    const mem = part(info.nonZeroMemoryBytes + pod.nonZeroMemoryBytes, info.allocatableMemoryBytes)
    return (cpu + mem) / 2
  },
}

/** `NodeResourcesBalancedAllocation`: prefer nodes whose CPU and memory use stay alike. */
const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, info) {
    const cpu = Math.min(
      1,
      (info.nonZeroCpuMillis + pod.nonZeroCpuMillis) / Math.max(1, info.allocatableCpuMillis),
    )
    const mem = Math.min(
      1,
      (info.nonZeroMemoryBytes + pod.nonZeroMemoryBytes) / Math.max(1, info.allocatableMemoryBytes),
    )
    return (1 - Math.abs(cpu - mem) / 2) * 100
  },
}

/**
 * `PodTopologySpread` with the system default constraint on `kubernetes.io/hostname`:
 * prefer nodes holding fewer pods of the same owner.
 */
const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(pod, info) {
    if (!pod.ownerUid) return 100
    return 100 / (1 + (info.podsByOwner.get(pod.ownerUid) ?? 0))
  },
}

export const scorePlugins: readonly ScorePlugin[] = [
  leastAllocated,
  balancedAllocation,
  podTopologySpread,
]
