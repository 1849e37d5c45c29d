import type { SyncOperation } from '../gitops/sync/operation'
import type { TimerHandle } from '../sim/kernel/clock'
import type { Simulation } from '../sim/simulation'

/**
 * Runs virtual time until `op` settles or `maxMs` pass, assessing it after each
 * step of the cluster (and calling `onStep`, for a caller that watches). A wave
 * delay gets a wake-up of its own, so an idle cluster does not skip past it.
 */
export function followSync(
  sim: Simulation,
  op: SyncOperation,
  maxMs: number,
  onStep: () => void = () => undefined,
): void {
  let wake: TimerHandle | undefined
  sim.runUntilTrue(() => {
    op.assess(sim.nowMs())
    onStep()
    const at = op.wakeAtMs
    if (at !== undefined && wake?.atMs !== at) {
      wake?.cancel()
      wake = sim.clock.at(at, 'sync wave delay', () => undefined)
    }
    return op.settled
  }, maxMs)
  wake?.cancel()
}
