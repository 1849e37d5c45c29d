/**
 * client-go's token bucket (`flowcontrol.NewTokenBucketRateLimiter(qps, burst)`):
 * `qps` tokens a second, at most `burst` saved up. A call that finds no token
 * waits for one; `charge` models calls that already went out by letting the
 * bucket run into debt, which later callers wait off. 0 qps lets nothing through.
 */
export class TokenBucket {
  private tokens: number
  private atMs: number

  constructor(
    readonly qps: number,
    readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst
    this.atMs = nowMs
  }

  private refill(nowMs: number): void {
    if (nowMs <= this.atMs) return
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.atMs) / 1000) * this.qps)
    this.atMs = nowMs
  }

  /** Whole tokens there now: how many calls may go out without waiting. */
  available(nowMs: number): number {
    if (this.qps <= 0) return 0
    this.refill(nowMs)
    return Math.max(0, Math.floor(this.tokens))
  }

  tryAccept(nowMs: number): boolean {
    if (this.available(nowMs) < 1) return false
    this.tokens -= 1
    return true
  }

  /** Counts `calls` that were made, whether or not there were tokens for them. */
  charge(calls: number, nowMs: number): void {
    this.refill(nowMs)
    this.tokens -= calls
  }

  /** How long until a whole token is there, or undefined when none will come. */
  waitMs(nowMs: number): number | undefined {
    if (this.qps <= 0) return undefined
    this.refill(nowMs)
    return Math.max(0, Math.ceil(((1 - this.tokens) * 1000) / this.qps))
  }
}
