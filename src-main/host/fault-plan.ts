import type { FaultView } from '../shared/infra-dto'
import { parseDurationMs } from '../shared/duration'
import { applyFault, type Fault, FaultError, faultTarget, parseFault } from '../sim/infra/faults'
import type { Simulation } from '../sim/simulation'

/** A fault to carry out at a virtual time, counted from the start of the sync. */
export interface ScheduledFault {
  /** As it was written: `hypervisor/hv-b:crash@60s`. */
  spec: string
  fault: Fault
  atMs: number
}

/**
 * `hypervisor/hv-b:crash@60s` → the fault and when; without `@`, at the start.
 * A malformed spec, an unknown target kind or fault, or a bad time throws a
 * `FaultError` that says what would have been understood.
 */
export function parseScheduledFault(spec: string): ScheduledFault {
  const at = spec.lastIndexOf('@')
  const fault = parseFault(at < 0 ? spec : spec.slice(0, at))
  let atMs = 0
  if (at >= 0) {
    try {
      atMs = parseDurationMs(spec.slice(at + 1))
    } catch (e) {
      throw new FaultError(`the time after "@": ${(e as Error).message}`)
    }
  }
  return { spec, fault, atMs }
}

const seconds = (ms: number): number => Math.round(ms) / 1000

/**
 * Checks that every fault names something that exists, then puts each on the
 * simulation's clock at `startMs + atMs`. The returned views fill in as the
 * faults come due; one the world refuses at its time (a reboot of a VM that is
 * already off) is recorded as failed and the run goes on, as a real operator's
 * failed command would leave the cluster as it was.
 */
export function scheduleFaults(
  sim: Simulation,
  faults: readonly ScheduledFault[],
  startMs: number,
): FaultView[] {
  for (const f of faults) {
    try {
      faultTarget(sim.store, f.fault)
    } catch (e) {
      if (e instanceof FaultError) throw new FaultError(`--fault ${f.spec}: ${e.message}`)
      throw e
    }
  }
  const ordered = [...faults].sort((a, b) => a.atMs - b.atMs)
  return ordered.map((f) => {
    const view: FaultView = {
      fault: f.spec,
      atSeconds: seconds(f.atMs),
      outcome: 'not-reached',
      message: '',
    }
    sim.clock.at(startMs + f.atMs, `fault ${f.spec}`, () => {
      try {
        view.message = applyFault(sim, f.fault)
        view.outcome = 'done'
      } catch (e) {
        if (!(e instanceof FaultError)) throw e
        view.message = e.message
        view.outcome = 'failed'
      }
    })
    return view
  })
}

/** Says, of each fault still waiting when the run ended, that it never came. */
export function markUnreached(views: FaultView[], ranMs: number): void {
  for (const view of views)
    if (view.outcome === 'not-reached')
      view.message = `the run ended after ${seconds(ranMs)}s, before it was due: run for longer with --for`
}
