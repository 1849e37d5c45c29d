import type { Pod, Taint, Toleration } from '../api/core'
import { controllerRef, podRequests } from '../api/pod-util'
import type { NodeInfo } from './node-info'
import { podNonZeroRequests } from './node-info'

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
  filter(pod: Pod, info: NodeInfo): FilterResult | undefined
}

export interface ScorePlugin {
  name: string
  weight: number
  score(pod: Pod, info: NodeInfo): number
}

function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
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
      tolerates(pod.spec.tolerations, {
        key: 'node.kubernetes.io/unschedulable',
        effect: 'NoSchedule',
      })
    )
      return undefined
    return { reasons: ['node(s) were unschedulable'], unresolvable: true }
  },
}

const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, info) {
    const taint = (info.node.spec.taints ?? []).find(
      (t) =>
        (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
        !tolerates(pod.spec.tolerations, t),
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
    const selector = pod.spec.nodeSelector ?? {}
    for (const [k, v] of Object.entries(selector)) {
      if (labels[k] !== v)
        return {
          reasons: ["node(s) didn't match Pod's node affinity/selector"],
          unresolvable: true,
        }
    }
    return undefined
  },
}

const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, info) {
    const reasons: string[] = []
    if (info.podCount + 1 > info.allocatablePods) reasons.push('Too many pods')
    const req = podRequests(pod)
    if (req.cpuMillis > 0 && req.cpuMillis > info.allocatableCpuMillis - info.requestedCpuMillis)
      reasons.push('Insufficient cpu')
    if (
      req.memoryBytes > 0 &&
      req.memoryBytes > info.allocatableMemoryBytes - info.requestedMemoryBytes
    ) {
      reasons.push('Insufficient memory')
    }
    return reasons.length > 0 ? { reasons, unresolvable: false } : undefined
  },
}

export const filterPlugins: readonly FilterPlugin[] = [
  nodeUnschedulable,
  taintToleration,
  nodeAffinity,
  nodeResourcesFit,
]

/** `NodeResourcesFit` with the LeastAllocated strategy: prefer nodes with more room. */
const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, info) {
    const req = podNonZeroRequests(pod)
    const part = (requested: number, capacity: number): number =>
      capacity <= 0 || requested > capacity ? 0 : ((capacity - requested) * 100) / capacity
    const cpu = part(info.nonZeroCpuMillis + req.cpuMillis, info.allocatableCpuMillis)
    const mem = part(info.nonZeroMemoryBytes + req.memoryBytes, info.allocatableMemoryBytes)
    return (cpu + mem) / 2
  },
}

/** `NodeResourcesBalancedAllocation`: prefer nodes whose CPU and memory use stay alike. */
const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod, info) {
    const req = podNonZeroRequests(pod)
    const cpu = Math.min(
      1,
      (info.nonZeroCpuMillis + req.cpuMillis) / Math.max(1, info.allocatableCpuMillis),
    )
    const mem = Math.min(
      1,
      (info.nonZeroMemoryBytes + req.memoryBytes) / Math.max(1, info.allocatableMemoryBytes),
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
    const owner = controllerRef(pod)?.uid
    if (!owner) return 100
    const same = info.podsByOwner.get(owner) ?? 0
    return 100 / (1 + same)
  },
}

export const scorePlugins: readonly ScorePlugin[] = [
  leastAllocated,
  balancedAllocation,
  podTopologySpread,
]
