import type { FaultView } from '../shared/infra-dto'
import { parseDurationMs } from '../shared/duration'
import {
  applyFault,
  type Fault,
  FaultError,
  faultTarget,
  knownInAdvance,
  parseFault,
} from '../sim/infra/faults'
import {
  chaosWorld,
  DEFAULT_CHAOS_EVERY_MS,
  planChaos,
  type ChaosSettings,
} from '../sim/infra/chaos'
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
 * `7`, or `7,every=2m,down=1m`, or `seed=7,every=2m`: chaos with that seed, a
 * fault every `every` on average (5m unless given), each lasting at most
 * `down` (as long as `every` unless given), all within `windowMs`.
 */
export function parseChaos(text: string, windowMs: number | undefined): ChaosSettings {
  const form = 'write <seed>[,every=<duration>][,down=<duration>], e.g. 7,every=2m'
  const [first = '', ...rest] = text.split(',')
  const seedText = first.startsWith('seed=') ? first.slice(5) : first
  if (!/^\d+$/.test(seedText)) throw new FaultError(`invalid chaos "${text}": ${form}`)
  const given: Record<string, number> = {}
  for (const part of rest) {
    const [key, value] = part.split('=')
    if ((key !== 'every' && key !== 'down') || value === undefined)
      throw new FaultError(`invalid chaos "${text}": ${form}`)
    try {
      given[key] = parseDurationMs(value)
    } catch (e) {
      throw new FaultError(`${key}: ${(e as Error).message}`)
    }
  }
  if (windowMs === undefined)
    throw new FaultError('chaos needs --for <duration>: the time its faults fall in')
  const everyMs = given.every ?? DEFAULT_CHAOS_EVERY_MS
  return { seed: Number(seedText), windowMs, everyMs, maxDownMs: given.down ?? everyMs }
}

/** The faults chaos plans for this cluster's machines and nodes, as if each had been written out. */
export function chaosFaults(sim: Simulation, chaos: ChaosSettings): ScheduledFault[] {
  return planChaos(chaosWorld(sim.store), chaos)
}

/**
 * Checks that every fault names something that exists, then puts each on the
 * simulation's clock at `startMs + atMs`, with those of a chaos plan. The returned views fill in as the
 * faults come due; one the world refuses at its time (a reboot of a VM that is
 * already off) is recorded as failed and the run goes on, as a real operator's
 * failed command would leave the cluster as it was.
 */
export function scheduleFaults(
  sim: Simulation,
  written: readonly ScheduledFault[],
  startMs: number,
  chaos?: ChaosSettings,
): FaultView[] {
  const faults = chaos ? [...written, ...chaosFaults(sim, chaos)] : written
  // Pods do not exist yet: they are looked up when each fault is due.
  for (const f of faults) {
    if (!knownInAdvance(f.fault)) continue
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
