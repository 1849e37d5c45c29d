import { F } from '../cache/node-table'
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
  preScore({ pod }) {
    const cpu = pod.spec.cpuMillis
    const memory = pod.spec.memoryBytes
    if (cpu === 0 && memory === 0) return undefined
    const id = pod.spec.requestId
    return {
      scoreAll(nodes, scores) {
        for (let i = 0; i < nodes.length; i++) {
          const d = nodes[i]!.table.data
          const o = nodes[i]!.base
          // NodeResourcesFit scored this node just before, and left its memo keyed for this pod.
          const memo =
            d[o + F.memoRequestId] === id && d[o + F.memoGeneration] === d[o + F.generation]
          if (memo && d[o + F.memoBalanced]! >= 0) scores[i] = d[o + F.memoBalanced]!
          else {
            const score = balancedScore(d, o, cpu, memory)
            if (memo) d[o + F.memoBalanced] = score
            scores[i] = score
          }
        }
      },
    }
  },
}

function balancedScore(d: Float64Array, o: number, cpu: number, memory: number): number {
  const cpuCap = d[o + F.allocatableCpu]!
  const memCap = d[o + F.allocatableMemory]!
  const cpuFraction = cpuCap > 0 ? Math.min(1, (d[o + F.requestedCpu]! + cpu) / cpuCap) : -1
  const memFraction = memCap > 0 ? Math.min(1, (d[o + F.requestedMemory]! + memory) / memCap) : -1
  // With one resource (or none) to compare, the deviation is zero.
  const std = cpuFraction >= 0 && memFraction >= 0 ? Math.abs((cpuFraction - memFraction) / 2) : 0
  return Math.trunc((1 - std) * MAX_NODE_SCORE)
}
