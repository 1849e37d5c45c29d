import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, BACKOFF_RESET_MS } from './stages'

/**
 * `flowcontrol.Backoff` as the kubelet uses it for image pulls and crash loops:
 * 10 s, doubling on each failure, capped at 300 s, and forgotten when nothing
 * failed for 600 s.
 */
export class Backoff {
  private delayMs = 0
  private lastUpdateMs = -Infinity

  /** The delay now in force: 0 before the first failure, or once forgotten. */
  current(nowMs: number): number {
    return nowMs - this.lastUpdateMs > BACKOFF_RESET_MS ? 0 : this.delayMs
  }

  /** Records a failure at `nowMs`; returns the delay before the next try. */
  next(nowMs: number): number {
    if (nowMs - this.lastUpdateMs > BACKOFF_RESET_MS) this.delayMs = 0
    this.delayMs =
      this.delayMs === 0 ? BACKOFF_INITIAL_MS : Math.min(this.delayMs * 2, BACKOFF_MAX_MS)
    this.lastUpdateMs = nowMs
    return this.delayMs
  }
}
