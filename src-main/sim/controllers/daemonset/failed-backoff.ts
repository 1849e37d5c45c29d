/**
 * The back-off on deleting failed daemon pods (`flowcontrol.Backoff` as the
 * controller manager builds it: 1 s doubling to 15 min, no jitter), so the
 * controller does not fight a kubelet that keeps rejecting the pod.
 */
const FAILED_POD_BACKOFF_INITIAL_MS = 1_000
const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000

interface Entry {
  delayMs: number
  lastUpdateMs: number
}

export class FailedPodsBackoff {
  private readonly entries = new Map<string, Entry>()

  /** `IsInBackOffSinceUpdate`. */
  inBackoff(key: string, nowMs: number): boolean {
    const entry = this.entries.get(key)
    return entry !== undefined && nowMs - entry.lastUpdateMs < entry.delayMs
  }

  /** `Get`: the current delay, 0 for an unknown key. */
  delayMs(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0
  }

  /** `Next`: starts or doubles the delay; an entry idle for twice the maximum starts over. */
  next(key: string, nowMs: number): void {
    const entry = this.entries.get(key)
    const expired = !entry || nowMs - entry.lastUpdateMs > 2 * FAILED_POD_BACKOFF_MAX_MS
    const delayMs = expired
      ? FAILED_POD_BACKOFF_INITIAL_MS
      : Math.min(entry.delayMs * 2, FAILED_POD_BACKOFF_MAX_MS)
    this.entries.set(key, { delayMs, lastUpdateMs: nowMs })
  }
}
