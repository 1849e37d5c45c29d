import { defaultAppSettings, type AppSettings } from '../gitops/engine'
import { GitRepository } from '../git/repository'
import type { SyncReport } from '../shared/dto'
import type { ChaosSettings } from '../sim/infra/chaos'
import type { Simulation } from '../sim/simulation'
import type { TrafficSpec } from '../sim/traffic/traffic-spec'
import { scheduleFaults, type ScheduledFault } from './fault-plan'
import {
  bootCluster,
  prepareHeadless,
  resolveRevision,
  runOn,
  syncUntilSettled,
} from './headless-run'
import { checkTrafficTargets, startTraffic } from './traffic-plan'

export interface HeadlessSyncOptions {
  repoPath: string
  /** A branch, tag or sha; the current branch's tip when absent. */
  revision?: string
  seed?: number
  settings?: Partial<AppSettings>
  /** Faults to carry out, each at its virtual time from the start of the sync. */
  faults?: readonly ScheduledFault[]
  /** A seeded series of faults, each undone after a while, added to those. */
  chaos?: ChaosSettings
  /** Keep virtual time running at least this long from the start, after the sync settles. */
  runForMs?: number
  /** Simulated clients sending requests from the start of the sync. */
  traffic?: readonly TrafficSpec[]
}

/**
 * Applies one revision to a fresh simulated cluster and runs virtual time until
 * the rollout settles or the sync timeout passes, and on to `runForMs` with the
 * scheduled faults carried out on the way: the `drydock sync` command.
 * Repository problems throw a `SourceError`, a fault naming nothing a
 * `FaultError`; manifest problems end in phase Error.
 */
export async function headlessSync(
  options: HeadlessSyncOptions,
): Promise<{ report: SyncReport; sim: Simulation }> {
  const settings = { ...defaultAppSettings, ...options.settings }
  const repo = await GitRepository.open(options.repoPath)
  const sha = await resolveRevision(repo, options.revision)
  const prepared = await prepareHeadless(repo, sha, settings)
  const { sim, target } = bootCluster(prepared, options.seed)
  const startMs = sim.nowMs()
  const faults = scheduleFaults(sim, options.faults ?? [], startMs, options.chaos)
  checkTrafficTargets(options.traffic ?? [], [prepared], settings.namespace)
  startTraffic(sim, options.traffic ?? [], settings.namespace, startMs)
  const view = syncUntilSettled(sim, target, prepared, 1, 'manual')
  const endMs = view.finishedAtVirtualMs ?? sim.nowMs()
  const end = runOn(sim, startMs, options.runForMs, faults)
  return {
    sim,
    report: {
      revision: view.revision,
      subject: view.subject,
      phase: view.phase,
      health: view.health,
      message: view.message,
      durationSeconds: Math.round(endMs - startMs) / 1000,
      resources: view.resources,
      pods: end.pods,
      problems: view.problems,
      ranForSeconds: end.ranForSeconds,
      faults: end.faults,
      infrastructure: end.infrastructure,
      traffic: end.traffic,
    },
  }
}
