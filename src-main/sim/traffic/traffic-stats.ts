import type { TrafficFailures, TrafficLossWindow } from '../../shared/traffic-dto'
import { FAILURE_CAUSES, type Answer, type FailureCause } from './answer'

/** Latency buckets grow by 5 %: percentiles within 5 % of the truth, in a fixed few hundred counters. */
const BUCKET_GROWTH = 1.05
const LOG_GROWTH = Math.log(BUCKET_GROWTH)
/** The smallest latency told apart; below it, one bucket. */
const BUCKET_FLOOR_MS = 0.1
const BUCKETS = 256

const bucketOf = (ms: number): number =>
  ms <= BUCKET_FLOOR_MS
    ? 0
    : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(ms / BUCKET_FLOOR_MS) / LOG_GROWTH))

/** A bucket's upper bound: what a percentile that falls in it reports. */
const bucketTopMs = (b: number): number => BUCKET_FLOOR_MS * BUCKET_GROWTH ** b

const round = (ms: number): number => Math.round(ms * 100) / 100

/** Seconds of per-second counts kept for a live chart: the last two minutes. */
export const SERIES_SECONDS = 120
/** Each second's counters: successes, then failures in `FAILURE_CAUSES` order. */
const SLOTS = 1 + FAILURE_CAUSES.length

/** One second's requests of a client, counted from its origin. */
export interface TrafficSecond {
  second: number
  succeeded: number
  failedBy: TrafficFailures
}

const SLOT_OF = Object.fromEntries(FAILURE_CAUSES.map((c, i) => [c, 1 + i])) as Record<
  FailureCause,
  number
>

/**
 * What one client's requests met: counts by outcome, a latency histogram of the
 * successes, and per second of virtual time how many failed, so a run can say
 * when it lost requests and not only how many.
 */
export class TrafficStats {
  sent = 0
  succeeded = 0
  readonly failedBy: TrafficFailures = {
    unresolved: 0,
    noEndpoints: 0,
    connectionRefused: 0,
    timeout: 0,
    http5xx: 0,
    http4xx: 0,
  }
  private readonly histogram = new Uint32Array(BUCKETS)
  private latencySumMs = 0
  private latencyMaxMs = 0
  /** Failures by whole second from the origin, only seconds that had some. */
  private readonly failuresBySecond = new Map<number, number>()
  /** A ring of the last `SERIES_SECONDS` seconds: which second each place holds, and its counters. */
  private readonly ringSecond = new Float64Array(SERIES_SECONDS).fill(Number.NaN)
  private readonly ringCounts = new Uint32Array(SERIES_SECONDS * SLOTS)

  record(answer: Answer, second: number): void {
    this.sent++
    this.countIn(second, answer.ok ? 0 : SLOT_OF[answer.cause])
    if (answer.ok) {
      this.succeeded++
      this.histogram[bucketOf(answer.latencyMs)]!++
      this.latencySumMs += answer.latencyMs
      if (answer.latencyMs > this.latencyMaxMs) this.latencyMaxMs = answer.latencyMs
      return
    }
    this.failedBy[answer.cause]++
    this.failuresBySecond.set(second, (this.failuresBySecond.get(second) ?? 0) + 1)
  }

  private countIn(second: number, slot: number): void {
    const at = ringPlace(second)
    if (this.ringSecond[at] !== second) {
      this.ringSecond[at] = second
      this.ringCounts.fill(0, at * SLOTS, at * SLOTS + SLOTS)
    }
    this.ringCounts[at * SLOTS + slot]!++
  }

  /**
   * Each second from `fromSecond` up to `toSecond` (not included): successes
   * and failures by cause, zero for a second with no request or one older than
   * the last `SERIES_SECONDS` recorded.
   */
  series(fromSecond: number, toSecond: number): TrafficSecond[] {
    const out: TrafficSecond[] = []
    for (let second = fromSecond; second < toSecond; second++) {
      const at = ringPlace(second)
      const kept = this.ringSecond[at] === second
      const n = (slot: number) => (kept ? this.ringCounts[at * SLOTS + slot]! : 0)
      const failedBy = Object.fromEntries(
        FAILURE_CAUSES.map((c) => [c, n(SLOT_OF[c])]),
      ) as unknown as TrafficFailures
      out.push({ second, succeeded: n(0), failedBy })
    }
    return out
  }

  get failed(): number {
    return this.sent - this.succeeded
  }

  latency(): { mean: number; p50: number; p99: number; max: number } | undefined {
    if (this.succeeded === 0) return undefined
    return {
      mean: round(this.latencySumMs / this.succeeded),
      p50: round(Math.min(this.percentile(0.5), this.latencyMaxMs)),
      p99: round(Math.min(this.percentile(0.99), this.latencyMaxMs)),
      max: round(this.latencyMaxMs),
    }
  }

  private percentile(q: number): number {
    const rank = Math.ceil(q * this.succeeded)
    let seen = 0
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.histogram[b]!
      if (seen >= rank) return bucketTopMs(b)
    }
    return this.latencyMaxMs
  }

  /** Runs of seconds with failures; a quiet gap shorter than `joinSeconds` does not split a run. */
  lossWindows(joinSeconds = 2): TrafficLossWindow[] {
    const seconds = [...this.failuresBySecond.keys()].sort((a, b) => a - b)
    const out: TrafficLossWindow[] = []
    for (const s of seconds) {
      const n = this.failuresBySecond.get(s)!
      const last = out[out.length - 1]
      if (last && s - last.toSeconds <= joinSeconds) {
        last.toSeconds = s + 1
        last.failed += n
      } else out.push({ fromSeconds: s, toSeconds: s + 1, failed: n })
    }
    return out
  }
}

const ringPlace = (second: number): number =>
  ((second % SERIES_SECONDS) + SERIES_SECONDS) % SERIES_SECONDS
