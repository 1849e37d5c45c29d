import type {
  HealthStatus,
  ResourceResultView,
  SyncPhaseName,
  SyncStepView,
} from '../../shared/dto'
import { assessHealth } from '../health/health'
import type { Manifest } from '../manifest/types'
import type { ClusterTarget } from '../ports'
import type { SyncPlan, SyncStep, SyncTask } from './plan'
import { syncWave } from './order'

export type TaskResult = ResourceResultView

interface TaskState {
  task: SyncTask
  phase: SyncPhaseName
  result: TaskResult
  started: boolean
  /** A hook that completed or failed: what its delete policy acts on, once. */
  ended?: 'succeeded' | 'failed'
}

const refOf = (obj: Manifest) => ({
  apiVersion: obj.apiVersion,
  kind: obj.kind,
  namespace: obj.metadata.namespace,
  name: obj.metadata.name,
})

/** `batch/Job/migrate`, as Argo CD names a resource in its messages. */
const qualified = (obj: Manifest): string => {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0]! : ''
  return `${group ? `${group}/` : ''}${obj.kind}/${obj.metadata.name}`
}

/**
 * Carries out a sync plan one step at a time against the cluster, and knows
 * what each task did and how it is doing: the part of a sync operation that
 * touches the cluster.
 */
export class StepRunner {
  private current = -1
  private readonly steps: TaskState[][]
  private readonly failHooks: TaskState[]
  private readonly others: TaskResult[] = []
  private failHooksStarted = false

  constructor(
    private readonly plan: SyncPlan,
    private readonly target: ClusterTarget,
    refused: readonly { object: Manifest; message: string }[],
  ) {
    this.steps = plan.steps.map((step) => step.tasks.map((task) => this.state(task, step.phase)))
    this.failHooks = plan.failHooks.map((task) => this.state(task, 'SyncFail'))
    for (const { object, message } of refused)
      this.others.push({ ...refOf(object), health: 'Missing', message, action: 'failed' })
    for (const { object, reason } of plan.kept)
      this.others.push({
        ...refOf(object),
        health: assessHealth(object).status,
        message: reason,
        action: 'pruneSkipped',
      })
  }

  /** Adds a result of something done outside the plan (the namespace `CreateNamespace=true` made). */
  note(result: TaskResult): void {
    this.others.unshift(result)
  }

  private state(task: SyncTask, phase: SyncPhaseName): TaskState {
    const result: TaskResult = {
      ...refOf(task.object),
      health: task.kind === 'prune' ? assessHealth(task.object).status : 'Missing',
      message: '',
      wave: syncWave(task.object),
    }
    if (task.kind === 'hook') result.hookPhase = phase
    return { task, phase, result, started: false }
  }

  hasNext(): boolean {
    return this.current + 1 < this.steps.length
  }

  nextLabel(): string {
    return stepLabel(this.plan.steps[this.current + 1]!)
  }

  /** Applies the next step's tasks: resources applied, hooks created afresh, extras deleted. */
  startNext(): void {
    this.current++
    for (const state of this.steps[this.current] ?? []) this.run(state)
  }

  startFailHooks(): void {
    if (this.failHooksStarted) return
    this.failHooksStarted = true
    for (const state of this.failHooks) this.run(state)
  }

  private run(state: TaskState): void {
    state.started = true
    const { task, result } = state
    if (task.kind === 'prune') {
      const outcome = this.target.delete(refOf(task.object))
      result.action = outcome.action
      if (outcome.action === 'failed') result.message = outcome.message
      return
    }
    // A hook runs afresh each sync: the one left from the last sync goes first (BeforeHookCreation).
    if (task.kind === 'hook' && this.target.get(refOf(task.object)))
      this.target.delete(refOf(task.object))
    const outcome = this.target.apply(task.object)
    result.action = outcome.action
    if (outcome.action === 'failed') result.message = outcome.message
  }

  /** Reads the health of everything started, and deletes finished hooks as their policy says. */
  refresh(): void {
    for (const state of this.started()) {
      const { task, result } = state
      if (result.action === 'failed') continue
      if (task.kind === 'prune') {
        const live = this.target.get(refOf(task.object))
        result.health = live ? assessHealth(live).status : 'Missing'
        continue
      }
      if (state.ended) continue
      const health = assessHealth(this.target.get(refOf(task.object)))
      result.health = health.status
      result.message = health.message
      if (task.kind !== 'hook') continue
      if (health.status === 'Healthy') state.ended = 'succeeded'
      else if (health.status === 'Degraded') state.ended = 'failed'
      const policy = state.ended === 'succeeded' ? 'HookSucceeded' : 'HookFailed'
      if (state.ended && task.deletePolicies.includes(policy))
        this.target.delete(refOf(task.object))
    }
  }

  private *started(): Generator<TaskState> {
    for (let i = 0; i <= this.current && i < this.steps.length; i++)
      for (const state of this.steps[i]!) if (state.started) yield state
    for (const state of this.failHooks) if (state.started) yield state
  }

  /** Whether the step running now is through: its resources healthy, its hooks completed, its extras gone. */
  currentDone(): boolean {
    const step = this.steps[this.current] ?? []
    return step.every((state) => taskDone(state))
  }

  /** Whether every step is through and every resource applied is still healthy: the rollout has settled. */
  allDone(): boolean {
    return !this.hasNext() && this.steps.every((step) => step.every((state) => taskDone(state)))
  }

  /** Why the sync has failed, if it has: an apply refused, a resource degraded, a hook failed. */
  failure(): string | undefined {
    const failed = [...this.started()].map((s) => s.result).find((r) => r.action === 'failed')
    if (failed) return failedToApply(failed)
    for (const state of this.started()) {
      if (state.task.kind === 'hook' && state.ended === 'failed' && state.phase !== 'SyncFail')
        return `one or more synchronization tasks completed unsuccessfully: hook ${qualified(state.task.object)}: ${state.result.message}`
      if (state.task.kind === 'apply' && state.result.health === 'Degraded')
        return `${state.result.kind}/${state.result.name} is Degraded: ${state.result.message}`
    }
    return undefined
  }

  /**
   * A document refused before the sync began (one of Drydock's own, left out so
   * the rest could sync): the sync fails for it once everything else is through.
   */
  refusal(): string | undefined {
    const refused = this.others.find((r) => r.action === 'failed')
    return refused && failedToApply(refused)
  }

  /** What the sync waits for, in Argo CD's words: the current step first, then any earlier one. */
  waitingFor(): string {
    const waiting =
      (this.steps[this.current] ?? []).find((state) => !taskDone(state)) ??
      this.steps
        .slice(0, this.current)
        .flat()
        .find((state) => !taskDone(state))
    if (!waiting) return ''
    const { task, result } = waiting
    if (task.kind === 'hook') return `waiting for completion of hook ${qualified(task.object)}`
    if (task.kind === 'prune') return `waiting for ${qualified(task.object)} to be deleted`
    return `waiting for ${result.kind}/${result.name}${result.message ? `: ${result.message}` : ''}`
  }

  /** The health of the app's own resources applied so far (hooks and pruned objects left out). */
  resourceHealths(): HealthStatus[] {
    return [...this.started()]
      .filter((s) => s.task.kind === 'apply' && s.result.action !== 'failed')
      .map((s) => s.result.health)
  }

  resourceCount(): number {
    return this.steps.flat().filter((s) => s.task.kind === 'apply').length
  }

  /** Every task's result in plan order, then refusals and what was kept. */
  results(): TaskResult[] {
    const planned = [...this.steps.flat(), ...this.failHooks.filter((s) => s.started)]
    return [...planned.map((s) => s.result), ...this.others]
  }

  stepViews(): SyncStepView[] {
    return this.plan.steps.map((step, i) => {
      const states = this.steps[i]!
      const done = states.filter((s) => taskDone(s)).length
      const failed = states.some((s) => s.result.action === 'failed' || s.ended === 'failed')
      return {
        phase: step.phase,
        wave: step.wave,
        prune: step.prune,
        state:
          i > this.current
            ? 'pending'
            : failed
              ? 'failed'
              : i < this.current || done === states.length
                ? 'done'
                : 'running',
        done,
        total: states.length,
      }
    })
  }
}

function taskDone(state: TaskState): boolean {
  if (!state.started) return false
  const { task, result } = state
  if (result.action === 'failed') return false
  if (task.kind === 'prune') return true
  if (task.kind === 'hook') return state.ended === 'succeeded'
  return result.health === 'Healthy' || result.health === 'Suspended'
}

/** `wave 1`, `PreSync hooks`, `pruning`: how a step is named in messages. */
export function stepLabel(step: SyncStep): string {
  if (step.prune) return 'pruning'
  if (step.phase !== 'Sync')
    return `${step.phase} hooks${step.wave !== 0 ? ` (wave ${step.wave})` : ''}`
  return `wave ${step.wave}`
}

const failedToApply = (r: TaskResult): string =>
  `one or more objects failed to apply: ${r.kind}/${r.name}: ${r.message}`
