import type { TimerHandle, VirtualClock } from '../kernel/clock'

/**
 * A de-duplicating FIFO of keys, like client-go's workqueue: a key added while it
 * is already waiting is not added twice, and `addAfter` parks a key on the virtual
 * clock (keeping only the earliest wake-up per key).
 */
export class WorkQueue {
  private readonly order: string[] = []
  private head = 0
  private readonly waiting = new Set<string>()
  private readonly parked = new Map<string, TimerHandle>()

  constructor(
    private readonly clock: VirtualClock,
    readonly name: string,
  ) {}

  get length(): number {
    return this.order.length - this.head
  }

  add(key: string): void {
    // One hash lookup, not two (`has` then `add`): a Set keeps a key added twice once, in its first place.
    const before = this.waiting.size
    this.waiting.add(key)
    if (this.waiting.size !== before) this.order.push(key)
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key)
    const atMs = this.clock.nowMs() + delayMs
    const existing = this.parked.get(key)
    if (existing && existing.atMs <= atMs) return
    existing?.cancel()
    const handle = this.clock.at(atMs, `${this.name}:${key}`, () => {
      this.parked.delete(key)
      this.add(key)
    })
    this.parked.set(key, handle)
  }

  take(): string | undefined {
    if (this.head >= this.order.length) return undefined
    const key = this.order[this.head++]!
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head)
      this.head = 0
    }
    this.waiting.delete(key)
    return key
  }
}
