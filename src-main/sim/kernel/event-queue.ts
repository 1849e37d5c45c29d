/**
 * A binary min-heap of timers ordered by (atMs, seq). The sequence number breaks
 * ties in insertion order, so two timers due at the same virtual instant always
 * fire in the order they were scheduled: the simulation stays totally ordered.
 */
export interface QueuedTimer {
  readonly atMs: number
  readonly seq: number
  readonly label: string
  readonly fire: () => void
  cancelled: boolean
}

export class EventQueue {
  private readonly heap: QueuedTimer[] = []

  get size(): number {
    return this.heap.length
  }

  push(timer: QueuedTimer): void {
    this.heap.push(timer)
    this.siftUp(this.heap.length - 1)
  }

  /** The earliest live timer, discarding cancelled ones on the way. */
  peek(): QueuedTimer | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop()
    return this.heap[0]
  }

  pop(): QueuedTimer | undefined {
    const heap = this.heap
    if (heap.length === 0) return undefined
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      this.siftDown(0)
    }
    return top
  }

  private less(a: QueuedTimer, b: QueuedTimer): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq)
  }

  private siftUp(index: number): void {
    const heap = this.heap
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap
    const n = heap.length
    let i = index
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < n && this.less(heap[left]!, heap[smallest]!)) smallest = left
      if (right < n && this.less(heap[right]!, heap[smallest]!)) smallest = right
      if (smallest === i) return
      ;[heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!]
      i = smallest
    }
  }
}
