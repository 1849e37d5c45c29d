import { C, H, STRIDE } from '../cache/node-table'
import { MAX_NODE_SCORE, type FilterPlugin, type ScorePlugin, type Status } from '../framework'

function status(reasons: string[], unresolvable: boolean): Status {
  return { plugin: 'NodeResourcesFit', reasons, unresolvable }
}

const TOO_MANY_PODS = status(['Too many pods'], false)

/**
 * `NodeResourcesFit` Filter (`fitsRequest`): one more pod than the node's pod
 * capacity, or a request larger than what the node has left. A request larger
 * than the whole node is unresolvable: preemption could never make room.
 */
export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  coveredByBasicChecks: true,
  preFilter({ pod }) {
    const cpu = pod.spec.cpuMillis
    const memory = pod.spec.memoryBytes
    if (cpu === 0 && memory === 0)
      return {
        filter: (node) => (node.podCount + 1 > node.allocatablePods ? TOO_MANY_PODS : undefined),
      }
    return {
      filter(node) {
        const tooMany = node.podCount + 1 > node.allocatablePods
        const noCpu = cpu > 0 && cpu > node.allocatableCpuMillis - node.requestedCpuMillis
        const noMemory =
          memory > 0 && memory > node.allocatableMemoryBytes - node.requestedMemoryBytes
        if (!tooMany && !noCpu && !noMemory) return undefined
        const reasons: string[] = []
        if (tooMany) reasons.push('Too many pods')
        if (noCpu) reasons.push('Insufficient cpu')
        if (noMemory) reasons.push('Insufficient memory')
        const unresolvable =
          (noCpu && cpu > node.allocatableCpuMillis) ||
          (noMemory && memory > node.allocatableMemoryBytes)
        return status(reasons, unresolvable)
      },
    }
  },
}

/** `leastRequestedScore`: the share of the node left free, 0–100, in integers. */
function leastRequested(requested: number, capacity: number): number {
  if (requested > capacity) return 0
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity)
}

/**
 * `NodeResourcesFit` Score with the default `LeastAllocated` strategy, cpu and
 * memory weighted 1 each, on requests with the scheduler's non-zero defaults.
 */
export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  preScore({ pod, cache }) {
    const cpu = pod.spec.nonZeroCpuMillis
    const memory = pod.spec.nonZeroMemoryBytes
    const id = pod.spec.requestId
    const { hot, cold } = cache.table
    return {
      addAll(rows, totals, weight) {
        for (let i = 0; i < rows.length; i++) {
          const o = rows[i]! * STRIDE
          // Most nodes have not changed since a pod with the same requests was scored on them.
          if (hot[o + H.memoRequestId] !== id) {
            hot[o + H.memoRequestId] = id
            hot[o + H.memoBalanced] = -1
            hot[o + H.memoFit] = leastAllocatedScore(cold, o, cpu, memory)
          }
          totals[i]! += weight * hot[o + H.memoFit]!
        }
      },
    }
  },
}

function leastAllocatedScore(d: Float64Array, o: number, cpu: number, memory: number): number {
  let sum = 0
  let weights = 0
  const cpuCap = d[o + C.allocatableCpu]!
  if (cpuCap > 0) {
    sum += leastRequested(d[o + C.nonZeroCpu]! + cpu, cpuCap)
    weights++
  }
  const memCap = d[o + C.allocatableMemory]!
  if (memCap > 0) {
    sum += leastRequested(d[o + C.nonZeroMemory]! + memory, memCap)
    weights++
  }
  return weights === 0 ? 0 : Math.floor(sum / weights)
}
