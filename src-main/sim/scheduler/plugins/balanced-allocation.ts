import { C, H, STRIDE } from '../cache/node-table'
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework'

/**
 * `NodeResourcesBalancedAllocation`: prefers nodes whose cpu and memory would be
 * used in like proportion, `(1 − std) × 100` of the two fractions, on the actual
 * requests. Skipped for a pod that requests nothing, which would otherwise pile
 * onto one node.
 */
export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  preScore({ pod, cache }) {
    const cpu = pod.spec.cpuMillis
    const memory = pod.spec.memoryBytes
    if (cpu === 0 && memory === 0) return undefined
    const id = pod.spec.requestId
    const { hot, cold } = cache.table
    return {
      addAll(rows, totals, weight) {
        for (let i = 0; i < rows.length; i++) {
          const o = rows[i]! * STRIDE
          // NodeResourcesFit scored this node just before, and left its memo keyed for this pod.
          const memo = hot[o + H.memoRequestId] === id
          let score = hot[o + H.memoBalanced]!
          if (!memo || score < 0) {
            score = balancedScore(cold, o, cpu, memory)
            if (memo) hot[o + H.memoBalanced] = score
          }
          totals[i]! += weight * score
        }
      },
    }
  },
}

function balancedScore(d: Float64Array, o: number, cpu: number, memory: number): number {
  const cpuCap = d[o + C.allocatableCpu]!
  const memCap = d[o + C.allocatableMemory]!
  const cpuFraction = cpuCap > 0 ? Math.min(1, (d[o + C.requestedCpu]! + cpu) / cpuCap) : -1
  const memFraction = memCap > 0 ? Math.min(1, (d[o + C.requestedMemory]! + memory) / memCap) : -1
  // With one resource (or none) to compare, the deviation is zero.
  const std = cpuFraction >= 0 && memFraction >= 0 ? Math.abs((cpuFraction - memFraction) / 2) : 0
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}
