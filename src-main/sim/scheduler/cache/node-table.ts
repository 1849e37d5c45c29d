/**
 * The numbers every scheduling cycle reads for hundreds of nodes, laid out side
 * by side in typed arrays, a row per node, the same row in each. `hot` holds what
 * the inline filter and the remembered scores read for every node a cycle looks
 * at, in one cache line per node; `cold` holds what those are worked out from,
 * read only when a node has changed.
 */
export const STRIDE = 8

/** Fields of a `hot` row. */
export const H = {
  flags: 0,
  /** `allocatablePods − podCount`, and the same for cpu (millis) and memory (bytes). */
  freePods: 1,
  freeCpu: 2,
  freeMemory: 3,
  /** The requests the remembered scores are for; -1 once the node has changed. */
  memoRequestId: 4,
  memoFit: 5,
  /** -1 until worked out for `memoRequestId`. */
  memoBalanced: 6,
} as const

/** Fields of a `cold` row. */
export const C = {
  allocatablePods: 0,
  podCount: 1,
  allocatableCpu: 2,
  requestedCpu: 3,
  allocatableMemory: 4,
  requestedMemory: 5,
  nonZeroCpu: 6,
  nonZeroMemory: 7,
} as const

/** Bits of `H.flags`. */
export const UNSCHEDULABLE = 1
export const FILTER_TAINTS = 2
export const PORTS_IN_USE = 4

export class NodeTable {
  hot: Float64Array = new Float64Array(STRIDE * 256)
  cold: Float64Array = new Float64Array(STRIDE * 256)
  private rows = 0
  private readonly free: number[] = []

  /** Rows the table has room for: arrays kept per row elsewhere grow to match. */
  get capacity(): number {
    return this.hot.length / STRIDE
  }

  /** A fresh row's offset in `hot` and `cold`. */
  allocate(): number {
    const base = this.free.pop() ?? this.rows++ * STRIDE
    if (base + STRIDE > this.hot.length) {
      this.hot = grow(this.hot)
      this.cold = grow(this.cold)
    }
    this.hot.fill(0, base, base + STRIDE)
    this.cold.fill(0, base, base + STRIDE)
    this.hot[base + H.memoRequestId] = -1
    return base
  }

  release(base: number): void {
    this.free.push(base)
  }
}

function grow(data: Float64Array): Float64Array {
  const grown = new Float64Array(data.length * 2)
  grown.set(data)
  return grown
}
