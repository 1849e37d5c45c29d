import type { Pod, Toleration } from '../api/core'
import { controllerRef, podRequests } from '../api/pod-util'

const DEFAULT_CPU_MILLIS = 100
const DEFAULT_MEMORY_BYTES = 200 * 2 ** 20

/** What the plugins need of the pod being scheduled, computed once per scheduling cycle. */
export interface PodInfo {
  pod: Pod
  cpuMillis: number
  memoryBytes: number
  /** Requests with the scheduler's defaults (100m, 200Mi) for containers that set none; for scoring. */
  nonZeroCpuMillis: number
  nonZeroMemoryBytes: number
  tolerations: readonly Toleration[]
  nodeSelector: Readonly<Record<string, string>>
  ownerUid: string | undefined
}

export function podInfo(pod: Pod): PodInfo {
  const req = podRequests(pod)
  return {
    pod,
    cpuMillis: req.cpuMillis,
    memoryBytes: req.memoryBytes,
    nonZeroCpuMillis: req.cpuMillis || DEFAULT_CPU_MILLIS,
    nonZeroMemoryBytes: req.memoryBytes || DEFAULT_MEMORY_BYTES,
    tolerations: pod.spec.tolerations ?? [],
    nodeSelector: pod.spec.nodeSelector ?? {},
    ownerUid: controllerRef(pod)?.uid,
  }
}

/**
 * `numFeasibleNodesToFind`: in a large cluster the scheduler stops filtering once
 * it has found enough feasible nodes (50% − nodes/125, at least 5%, at least 100).
 */
export function feasibleNodesToFind(allNodes: number): number {
  if (allNodes < 100) return allNodes
  const percentage = Math.max(5, 50 - Math.floor(allNodes / 125))
  return Math.max(100, Math.floor((allNodes * percentage) / 100))
}
