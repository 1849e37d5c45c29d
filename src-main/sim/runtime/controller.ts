import type { ClientComponent } from './client-limits'
import type { WorkQueue } from './work-queue'

export interface ReconcileResult {
  /** Look at this key again after this much virtual time, even if nothing changes. */
  requeueAfterMs?: number
}

/**
 * A level-triggered controller: watch handlers only enqueue keys, and
 * `reconcile(key)` reads the whole current state of that key and takes a step
 * towards the desired state. It must be idempotent: running it twice in a row
 * with nothing changed in between writes nothing the second time.
 */
export interface Controller {
  readonly name: string
  readonly queue: WorkQueue
  /**
   * The binary it runs in, when that binary's client is rate limited: its
   * writes then spend tokens, and its queue waits while it has none.
   */
  readonly runsIn?: ClientComponent
  reconcile(key: string): ReconcileResult | void
}
