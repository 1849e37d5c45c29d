import type { DesiredObject, Manifest, Origin } from '../manifest/types'
import { hookRole, type HookDeletePolicy, type SyncPhaseName } from './hooks'
import { kindOrderOf, syncWave } from './order'
import { pruneDisabled } from './sync-options'

/** One thing a sync does to one object. */
export type SyncTask =
  | { kind: 'apply'; object: Manifest; origin: Origin }
  | { kind: 'hook'; object: Manifest; origin: Origin; deletePolicies: HookDeletePolicy[] }
  | { kind: 'prune'; object: Manifest }

/**
 * The tasks of one phase and wave: applied together, and done when each of
 * them is (healthy, completed or gone) before the next step starts.
 */
export interface SyncStep {
  phase: SyncPhaseName
  wave: number
  /** True for the step that deletes what Git no longer declares. */
  prune: boolean
  tasks: SyncTask[]
}

export interface SyncPlan {
  steps: SyncStep[]
  /** `SyncFail` hooks: run only when the sync fails. */
  failHooks: SyncTask[]
  /** Live objects the app no longer declares and will not delete: prune is off, or `Prune=false`. */
  kept: { object: Manifest; reason: string }[]
  /** Declared objects no sync applies (`Skip`, hooks Argo CD does not run). */
  skipped: { object: Manifest; origin: Origin; reason: string }[]
}

export interface PlanOptions {
  /** Delete live objects the app tracks but Git no longer declares. */
  prune: boolean
}

const phaseOrder: readonly SyncPhaseName[] = ['PreSync', 'Sync', 'PostSync']

/**
 * Orders a sync as Argo CD does: PreSync hooks, then the resources and Sync
 * hooks wave by wave (lowest first; kind order within a wave), then PostSync
 * hooks. What Git no longer declares is pruned after the last Sync wave, in
 * reverse wave and kind order, so dependents go before what they depend on.
 */
export function planSync(
  desired: readonly DesiredObject[],
  extra: readonly Manifest[],
  options: PlanOptions,
): SyncPlan {
  const byStep = new Map<string, SyncStep>()
  const step = (phase: SyncPhaseName, wave: number, prune = false): SyncStep => {
    const key = `${phase}/${prune ? 'prune' : ''}/${wave}`
    let found = byStep.get(key)
    if (!found) byStep.set(key, (found = { phase, wave, prune, tasks: [] }))
    return found
  }
  const plan: SyncPlan = { steps: [], failHooks: [], kept: [], skipped: [] }
  for (const { object, origin } of desired) {
    const role = hookRole(object)
    const wave = syncWave(object)
    if (role.kind === 'skipped') plan.skipped.push({ object, origin, reason: role.reason })
    else if (role.kind === 'resource')
      step('Sync', wave).tasks.push({ kind: 'apply', object, origin })
    else
      for (const phase of role.phases) {
        const task: SyncTask = { kind: 'hook', object, origin, deletePolicies: role.deletePolicies }
        if (phase === 'SyncFail') plan.failHooks.push(task)
        else step(phase, wave).tasks.push(task)
      }
  }
  for (const object of extra) {
    if (!options.prune) plan.kept.push({ object, reason: 'ignored (requires pruning)' })
    else if (pruneDisabled(object))
      plan.kept.push({ object, reason: 'ignored (no prune: Prune=false)' })
    else step('Sync', syncWave(object), true).tasks.push({ kind: 'prune', object })
  }
  plan.steps = [...byStep.values()].sort(compareSteps)
  for (const s of plan.steps)
    s.tasks.sort((a, b) => (s.prune ? -1 : 1) * kindOrderOf(a.object, b.object))
  return plan
}

function compareSteps(a: SyncStep, b: SyncStep): number {
  const byPhase = phaseOrder.indexOf(a.phase) - phaseOrder.indexOf(b.phase)
  if (byPhase !== 0) return byPhase
  // Pruning comes after every wave of its phase, the highest wave first.
  if (a.prune !== b.prune) return a.prune ? 1 : -1
  return a.prune ? b.wave - a.wave : a.wave - b.wave
}
