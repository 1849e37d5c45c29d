import { ApiError } from '../store/errors'
import type { Controller, ReconcileResult } from './controller'

/**
 * `workqueue.ItemExponentialFailureRateLimiter`: a key that keeps failing waits
 * base, 2·base, 4·base… up to max before it is looked at again; a success
 * (`forget`) starts it over. Controllers return the delay as `requeueAfterMs`.
 */
export class FailureBackoff {
  private readonly failures = new Map<string, number>()

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** The wait before the next try of `key`, counting this failure. */
  next(key: string): number {
    const n = this.failures.get(key) ?? 0
    this.failures.set(key, n + 1)
    return Math.min(this.maxMs, this.baseMs * 2 ** n)
  }

  forget(key: string): void {
    this.failures.delete(key)
  }

  /** Whether any key is waiting out a failure: while none is, a success has nothing to forget. */
  get failing(): boolean {
    return this.failures.size > 0
  }
}

/** `DefaultControllerRateLimiter`'s per-item part: 5 ms doubling to 1000 s. */
export const defaultControllerBackoff = (): FailureBackoff => new FailureBackoff(5, 1_000_000)

/** Refusals that mean a controller wrote something malformed: a bug to surface, not a state to wait out. */
const bugReasons: ReadonlySet<string> = new Set(['Invalid', 'BadRequest'])

/**
 * Runs one reconcile as client-go's `processNextWorkItem` does: a sync the API
 * server refused (a conflict, a namespace being terminated, a name already
 * taken) is tried again with `backoff` (`AddRateLimited`), and a success
 * forgets its failures. Anything else still stops the simulation.
 */
export function reconcileWithRetry(
  controller: Controller,
  key: string,
  backoff: FailureBackoff,
): ReconcileResult | void {
  try {
    const result = controller.reconcile(key)
    if (backoff.failing) backoff.forget(retryKey(controller, key))
    return result
  } catch (e) {
    if (!(e instanceof ApiError) || bugReasons.has(e.reason)) throw e
    return { requeueAfterMs: backoff.next(retryKey(controller, key)) }
  }
}

/** One controller's key, apart from another's with the same name. */
function retryKey(controller: Controller, key: string): string {
  return `${controller.name}\u0000${key}`
}
