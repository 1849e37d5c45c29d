import { defaultAppSettings, prepareRevision, startSync, type AppSettings } from '../gitops/engine'
import { GitRepository } from '../git/repository'
import type { SyncReport } from '../shared/dto'
import { Simulation } from '../sim/simulation'
import { allPods } from './cluster-view'
import { SimulationTarget } from './sim-target'
import { strictFromEnvironment } from './strict-mode'

export interface HeadlessSyncOptions {
  repoPath: string
  /** A branch, tag or sha; the current branch's tip when absent. */
  revision?: string
  seed?: number
  settings?: Partial<AppSettings>
}

/**
 * Applies one revision to a fresh simulated cluster and runs virtual time until
 * the rollout settles or the sync timeout passes: the `drydock sync` command.
 * Repository problems throw a `SourceError`; manifest problems end in phase Error.
 */
export async function headlessSync(
  options: HeadlessSyncOptions,
): Promise<{ report: SyncReport; sim: Simulation }> {
  const settings = { ...defaultAppSettings, ...options.settings }
  const repo = await GitRepository.open(options.repoPath)
  const branch = await repo.currentBranch()
  const sha = options.revision
    ? await repo.resolve(options.revision)
    : branch
      ? await repo.branchTip(branch)
      : await repo.resolve('HEAD')
  const sim = new Simulation({ seed: options.seed, strict: strictFromEnvironment() })
  const target = new SimulationTarget(sim)
  const prepared = await prepareRevision(repo, sha, target, settings)
  const startMs = sim.nowMs()
  const op = startSync(prepared, target, startMs, 1, 'manual')
  sim.runUntilTrue(() => {
    op.assess(sim.nowMs())
    return op.settled
  }, settings.syncTimeoutMs + 1000)
  const view = op.view()
  const endMs = view.finishedAtVirtualMs ?? sim.nowMs()
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
      pods: allPods(sim.store, sim.nowMs()),
      problems: view.problems,
    },
  }
}
