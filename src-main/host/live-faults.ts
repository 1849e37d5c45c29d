import type { FaultLogEntry } from '../shared/live-dto'
import { applyFault, FaultError, faultTarget, knownInAdvance } from '../sim/infra/faults'
import type { Simulation } from '../sim/simulation'
import { parseScheduledFault } from './fault-plan'

/** The log keeps the latest faults only: a user reads the last few. */
const KEPT = 100

/**
 * The faults a user sets off from the app on the running cluster, written as
 * `--fault` writes them: carried out now, or that long from now (`…@2m`). A
 * spec that names nothing, or a fault the world refuses now, throws the
 * `FaultError` that says why; what was carried out is logged at its virtual time.
 */
export class FaultLog {
  private entries: FaultLogEntry[] = []

  constructor(private readonly sim: Simulation) {}

  apply(spec: string): void {
    const { fault, atMs } = parseScheduledFault(spec.trim())
    if (knownInAdvance(fault)) faultTarget(this.sim.store, fault)
    const entry: FaultLogEntry = {
      spec: spec.trim(),
      atMs: this.sim.nowMs() + atMs,
      outcome: 'scheduled',
      message: `due in ${atMs / 1000}s`,
    }
    if (atMs === 0) {
      entry.message = applyFault(this.sim, fault)
      entry.outcome = 'done'
      this.log(entry)
      this.sim.settle()
      return
    }
    this.log(entry)
    this.sim.clock.at(entry.atMs, `fault ${entry.spec}`, () => {
      try {
        entry.message = applyFault(this.sim, fault)
        entry.outcome = 'done'
      } catch (e) {
        if (!(e instanceof FaultError)) throw e
        entry.message = e.message
        entry.outcome = 'failed'
      }
    })
  }

  /** Copies: a scheduled entry changes when its time comes. */
  views(): FaultLogEntry[] {
    return this.entries.map((e) => ({ ...e }))
  }

  private log(entry: FaultLogEntry): void {
    this.entries = [...this.entries.slice(1 - KEPT), entry]
  }
}
