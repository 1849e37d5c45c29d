/**
 * The numbers every scheduling cycle reads for hundreds of nodes, laid out side
 * by side in one typed array, a row per node: reading them touches a cache line
 * or two per node instead of an object and the boxes its fields point to.
 */
export const STRIDE = 16
export const F = {
  flags: 0,
  podCount: 1,
  allocatablePods: 2,
  allocatableCpu: 3,
  requestedCpu: 4,
  allocatableMemory: 5,
  requestedMemory: 6,
  nonZeroCpu: 7,
  nonZeroMemory: 8,
  generation: 9,
  memoRequestId: 10,
  memoGeneration: 11,
  memoFit: 12,
  memoBalanced: 13,
} as const

/** Bits of `F.flags`. */
export const UNSCHEDULABLE = 1
export const FILTER_TAINTS = 2
export const PORTS_IN_USE = 4

export class NodeTable {
  data = new Float64Array(STRIDE * 256)
  private rows = 0
  private readonly free: number[] = []

  /** A fresh row's offset in `data`. */
  allocate(): number {
    const base = this.free.pop() ?? this.rows++ * STRIDE
    if (base + STRIDE > this.data.length) {
      const grown = new Float64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data.fill(0, base, base + STRIDE)
    this.data[base + F.memoGeneration] = -1
    return base
  }

  release(base: number): void {
    this.free.push(base)
  }
}
