import { EventQueue, type QueuedTimer } from './event-queue'

export interface TimerHandle {
  readonly atMs: number
  cancel(): void
}

/**
 * The only source of time inside the simulation. Nothing in `sim` reads the wall
 * clock: components schedule callbacks here, and whoever drives the simulation
 * (a test, the CLI, the host's pacer) decides how fast virtual time passes.
 */
export class VirtualClock {
  private current: number
  private seq = 0
  private readonly queue = new EventQueue()

  constructor(startMs = 0) {
    this.current = startMs
  }

  nowMs(): number {
    return this.current
  }

  /** Fires `fire` once `delayMs` of virtual time have passed (0 means "next, at this instant"). */
  after(delayMs: number, label: string, fire: () => void): TimerHandle {
    return this.at(this.current + Math.max(0, delayMs), label, fire)
  }

  at(atMs: number, label: string, fire: () => void): TimerHandle {
    // The queued timer is its own handle: no closure per timer, at 150,000 pods' worth of them.
    const timer = new Timer(Math.max(atMs, this.current), this.seq++, label, fire)
    this.queue.push(timer)
    return timer
  }

  /** When the next live timer is due, or undefined when nothing is scheduled. */
  nextAtMs(): number | undefined {
    return this.queue.peek()?.atMs
  }

  pendingTimers(): number {
    return this.queue.size
  }

  /**
   * Fires the next timer if it is due at or before `limitMs`, moving the clock to
   * its time. Returns false (and leaves the clock alone) when none is due.
   */
  fireNext(limitMs = Number.POSITIVE_INFINITY): boolean {
    const next = this.queue.peek()
    if (!next || next.atMs > limitMs) return false
    this.queue.pop()
    this.current = next.atMs
    next.fire()
    return true
  }

  /** Moves the clock forward without firing anything; used once the queue is drained up to a target. */
  advanceTo(targetMs: number): void {
    if (targetMs > this.current) this.current = targetMs
  }
}

class Timer implements QueuedTimer, TimerHandle {
  cancelled = false

  constructor(
    readonly atMs: number,
    readonly seq: number,
    readonly label: string,
    readonly fire: () => void,
  ) {}

  cancel(): void {
    this.cancelled = true
  }
}
