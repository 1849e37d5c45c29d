import { prepareRevision, startSync, type AppSettings } from '../gitops/engine'
import type { PreparedRevision, RenderServices } from '../gitops/engine'
import type { GitSource } from '../gitops/ports'
import { withTracking } from '../gitops/app/tracking'
import type { GitRepository } from '../git/repository'
import type { SyncReport, SyncTrigger, SyncView } from '../shared/dto'
import { INFRA_API_VERSION, isInfraKind } from '../sim/api/infra'
import { resolveKind } from '../sim/api/kinds'
import type { KubeObject } from '../sim/api/meta'
import { Simulation } from '../sim/simulation'
import { allPods } from './cluster-view'
import { markUnreached } from './fault-plan'
import { followSync } from './follow-sync'
import { infrastructureView } from './infra-view'
import { LAST_APPLIED, SimulationTarget } from './sim-target'
import { strictFromEnvironment } from './strict-mode'
import { hostManifestTools } from './tools/manifest-tools'

/** Whether a kind is namespaced, from the kind table alone: rendering needs no cluster. */
function isNamespaced(apiVersion: string, kind: string): boolean | undefined {
  const info = resolveKind(apiVersion, kind)
  return 'error' in info ? undefined : info.namespaced
}

/** A branch, tag or sha; the current branch's tip (or a detached HEAD) when absent. */
export async function resolveRevision(
  repo: GitRepository,
  revision: string | undefined,
): Promise<string> {
  if (revision) return repo.resolve(revision)
  const branch = await repo.currentBranch()
  return branch ? repo.branchTip(branch) : repo.resolve('HEAD')
}

/**
 * Reads and renders a revision without a cluster, as the headless commands do,
 * with the real kubectl and helm; `cache` keeps parsed files from one revision
 * of a run to the next.
 */
export function prepareHeadless(
  source: GitSource,
  sha: string,
  settings: AppSettings,
  services: RenderServices = {},
): Promise<PreparedRevision> {
  return prepareRevision(source, sha, { isNamespaced }, settings, {
    tools: hostManifestTools(),
    ...services,
  })
}

/**
 * The machines a revision declares (Host, Hypervisor, VirtualMachine), which the
 * fresh cluster boots on instead of the default ones, as a kind cluster boots on
 * its config; undefined when it declares none. They carry the record an apply
 * leaves, so the sync finds them as the revision wants them: unchanged.
 */
export function declaredMachines(prepared: PreparedRevision): KubeObject[] | undefined {
  const machines = prepared.request.objects
    .map((d) => d.object)
    .filter((o) => o.apiVersion === INFRA_API_VERSION && isInfraKind(o.kind))
    .map((o) => withTracking(prepared.request.app, o))
    .map((o) => {
      const copy = structuredClone(o) as KubeObject
      const record = `${JSON.stringify(o)}\n`
      copy.metadata.annotations = { ...copy.metadata.annotations, [LAST_APPLIED]: record }
      return copy
    })
  return machines.length > 0 ? machines : undefined
}

/** A fresh cluster, booted on the machines the first revision it will sync declares. */
export function bootCluster(
  prepared: PreparedRevision,
  seed: number | undefined,
): { sim: Simulation; target: SimulationTarget } {
  const sim = new Simulation({
    seed,
    strict: strictFromEnvironment(),
    infrastructure: declaredMachines(prepared),
  })
  return { sim, target: new SimulationTarget(sim) }
}

/**
 * Applies a prepared revision at the cluster's current time and runs virtual time
 * until its rollout settles or its timeout passes; faults already on the clock
 * happen on the way.
 */
export function syncUntilSettled(
  sim: Simulation,
  target: SimulationTarget,
  prepared: PreparedRevision,
  id: number,
  trigger: SyncTrigger,
): SyncView {
  const op = startSync(prepared, target, sim.nowMs(), id, trigger)
  followSync(sim, op, prepared.request.timeoutMs + 1000)
  return op.view()
}

/** What a headless run ends on, whatever it synced. */
export type RunEnd = Pick<
  SyncReport,
  'pods' | 'ranForSeconds' | 'faults' | 'infrastructure' | 'traffic'
>

/**
 * Keeps virtual time running to `runForMs` from `startMs` when it has not got
 * that far, then reads the pods and machines as they are at the end.
 */
export function runOn(
  sim: Simulation,
  startMs: number,
  runForMs: number | undefined,
  faults: RunEnd['faults'],
): RunEnd {
  if (runForMs !== undefined && sim.nowMs() < startMs + runForMs) sim.runUntil(startMs + runForMs)
  markUnreached(faults, sim.nowMs() - startMs)
  return {
    pods: allPods(sim.store, sim.nowMs()),
    ranForSeconds: Math.round(sim.nowMs() - startMs) / 1000,
    faults,
    infrastructure: infrastructureView(sim),
    traffic: sim.traffic.views(),
  }
}
