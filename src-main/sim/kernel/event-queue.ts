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

/**
 * The keys live in typed arrays beside the timers: with hundreds of thousands of
 * timers queued, comparing through each timer object costs a cache miss a step,
 * where the keys side by side cost next to nothing.
 */
export class EventQueue {
  private timers: (QueuedTimer | undefined)[] = []
  private at = new Float64Array(1024)
  private seq = new Float64Array(1024)
  private count = 0

  get size(): number {
    return this.count
  }

  push(timer: QueuedTimer): void {
    if (this.count === this.at.length) this.grow()
    // Sift up with a hole: move parents down until the new timer's place is found.
    let i = this.count++
    const at = timer.atMs
    const seq = timer.seq
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pAt = this.at[parent]!
      if (pAt < at || (pAt === at && this.seq[parent]! < seq)) break
      this.move(parent, i)
      i = parent
    }
    this.place(i, timer)
  }

  /** The earliest live timer, discarding cancelled ones on the way. */
  peek(): QueuedTimer | undefined {
    while (this.count > 0 && this.timers[0]!.cancelled) this.pop()
    return this.count > 0 ? this.timers[0] : undefined
  }

  pop(): QueuedTimer | undefined {
    if (this.count === 0) return undefined
    const top = this.timers[0]!
    const n = --this.count
    const last = this.timers[n]!
    this.timers[n] = undefined
    if (n > 0) this.siftDown(last, n)
    return top
  }

  /** Places `timer` from the root down, in a heap of `n` entries. */
  private siftDown(timer: QueuedTimer, n: number): void {
    const at = timer.atMs
    const seq = timer.seq
    const keys = this.at
    const seqs = this.seq
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      let child = left
      if (
        right < n &&
        (keys[right]! < keys[left]! || (keys[right] === keys[left] && seqs[right]! < seqs[left]!))
      )
        child = right
      const cAt = keys[child]!
      if (at < cAt || (at === cAt && seq < seqs[child]!)) break
      this.move(child, i)
      i = child
    }
    this.place(i, timer)
  }

  private move(from: number, to: number): void {
    this.timers[to] = this.timers[from]
    this.at[to] = this.at[from]!
    this.seq[to] = this.seq[from]!
  }

  private place(i: number, timer: QueuedTimer): void {
    this.timers[i] = timer
    this.at[i] = timer.atMs
    this.seq[i] = timer.seq
  }

  private grow(): void {
    const at = new Float64Array(this.at.length * 2)
    at.set(this.at)
    this.at = at
    const seq = new Float64Array(this.seq.length * 2)
    seq.set(this.seq)
    this.seq = seq
  }
}
