import { invariant } from '../kernel/assert'

/** A reconcile storm this long means two controllers are fighting: a bug, not a workload. */
const MAX_RECONCILES_PER_SETTLE = 5_000_000
/** One object synced this often within one instant is a controller fighting itself or another. */
const MAX_RECONCILES_PER_KEY = 10_000
/**
 * Past the first 10,000, one reconcile in this many is counted against its key:
 * a fighting key is nearly every reconcile, so it is caught as surely, and a
 * cluster filling at once (a million legitimate reconciles in one instant) does
 * not keep a map of every key it synced. A prime, so that keys fighting in a
 * short cycle are each sampled in turn.
 */
const SAMPLE_EVERY = 17

/**
 * Counts the reconciles of one settle and stops one that never ends, naming the
 * controller and key. Keys are only counted once the settle has been long, and
 * then one reconcile in `SAMPLE_EVERY`, so the usual short one pays nothing; and
 * the messages are built only for a failure (a message closure made per
 * reconcile would allocate for every one).
 */
export class ReconcileStormGuard {
  private reconciles = 0
  private perKey: Map<string, number>[] | undefined

  constructor(
    private readonly controllers: number,
    private readonly seed: number,
  ) {}

  count(c: number, controller: string, key: string): void {
    if (++this.reconciles >= MAX_RECONCILES_PER_SETTLE)
      invariant(false, `reconcile storm in ${controller} at ${key} (seed ${this.seed})`)
    if (this.reconciles <= MAX_RECONCILES_PER_KEY || this.reconciles % SAMPLE_EVERY !== 0) return
    this.perKey ??= Array.from({ length: this.controllers }, () => new Map<string, number>())
    const n = (this.perKey[c]!.get(key) ?? 0) + SAMPLE_EVERY
    this.perKey[c]!.set(key, n)
    if (n >= MAX_RECONCILES_PER_KEY)
      invariant(
        false,
        `reconcile storm: ${controller} synced ${key} ${n} times in one instant (seed ${this.seed})`,
      )
  }
}
