import { defaultAppSettings, prepareRevision, startSync, type AppSettings } from '../gitops/engine'
import type { PreparedRevision } from '../gitops/engine'
import { GitRepository } from '../git/repository'
import type { SyncReport } from '../shared/dto'
import { INFRA_API_VERSION, isInfraKind } from '../sim/api/infra'
import { resolveKind } from '../sim/api/kinds'
import type { KubeObject } from '../sim/api/meta'
import { Simulation } from '../sim/simulation'
import { allPods } from './cluster-view'
import { markUnreached, scheduleFaults, type ScheduledFault } from './fault-plan'
import { infrastructureView } from './infra-view'
import { LAST_APPLIED, SimulationTarget } from './sim-target'
import { strictFromEnvironment } from './strict-mode'

export interface HeadlessSyncOptions {
  repoPath: string
  /** A branch, tag or sha; the current branch's tip when absent. */
  revision?: string
  seed?: number
  settings?: Partial<AppSettings>
  /** Faults to carry out, each at its virtual time from the start of the sync. */
  faults?: readonly ScheduledFault[]
  /** Keep virtual time running at least this long from the start, after the sync settles. */
  runForMs?: number
}

/** Whether a kind is namespaced, from the kind table alone: rendering needs no cluster. */
function isNamespaced(apiVersion: string, kind: string): boolean | undefined {
  const info = resolveKind(apiVersion, kind)
  return 'error' in info ? undefined : info.namespaced
}

/**
 * The machines a revision declares (Host, Hypervisor, VirtualMachine), which the
 * fresh cluster boots on instead of the default ones, as a kind cluster boots on
 * its config; undefined when it declares none. They carry the record an apply
 * leaves, so the sync finds them as the revision wants them: unchanged.
 */
function declaredMachines(prepared: PreparedRevision): KubeObject[] | undefined {
  const machines = prepared.request.objects
    .map((d) => d.object)
    .filter((o) => o.apiVersion === INFRA_API_VERSION && isInfraKind(o.kind))
    .map((o) => {
      const copy = structuredClone(o) as KubeObject
      const record = `${JSON.stringify(o)}\n`
      copy.metadata.annotations = { ...copy.metadata.annotations, [LAST_APPLIED]: record }
      return copy
    })
  return machines.length > 0 ? machines : undefined
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
  const branch = await repo.currentBranch()
  const sha = options.revision
    ? await repo.resolve(options.revision)
    : branch
      ? await repo.branchTip(branch)
      : await repo.resolve('HEAD')
  const prepared = await prepareRevision(repo, sha, { isNamespaced }, settings)
  const sim = new Simulation({
    seed: options.seed,
    strict: strictFromEnvironment(),
    infrastructure: declaredMachines(prepared),
  })
  const target = new SimulationTarget(sim)
  const startMs = sim.nowMs()
  const faults = scheduleFaults(sim, options.faults ?? [], startMs)
  const op = startSync(prepared, target, startMs, 1, 'manual')
  sim.runUntilTrue(() => {
    op.assess(sim.nowMs())
    return op.settled
  }, settings.syncTimeoutMs + 1000)
  const view = op.view()
  const endMs = view.finishedAtVirtualMs ?? sim.nowMs()
  if (options.runForMs !== undefined && sim.nowMs() < startMs + options.runForMs)
    sim.runUntil(startMs + options.runForMs)
  markUnreached(faults, sim.nowMs() - startMs)
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
      ranForSeconds: Math.round(sim.nowMs() - startMs) / 1000,
      faults,
      infrastructure: infrastructureView(sim.store),
    },
  }
}
