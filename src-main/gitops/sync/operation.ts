import type {
  HealthStatus,
  ManifestProblemView,
  ResourceDiffView,
  SyncPhase,
  SyncTrigger,
  SyncView,
} from '../../shared/dto'
import { extraObjects, trackedDesired } from '../app/compare'
import { diffApp } from '../diff/app-diff'
import type { IgnoreDifference } from '../diff/ignore-differences'
import { worstOf } from '../health/types'
import type { DesiredObject, Manifest, ManifestProblem } from '../manifest/types'
import { formatProblem, resourceKey } from '../manifest/types'
import type { ClusterTarget } from '../ports'
import { hookRole } from './hooks'
import { planSync, type SyncPlan } from './plan'
import { StepRunner } from './step-runner'

export interface SyncRequest {
  id: number
  /** The app whose resources these are: what the tracking annotation names. */
  app: string
  revision: string
  subject: string
  trigger: SyncTrigger
  objects: DesiredObject[]
  problems: ManifestProblem[]
  /** Virtual time the operation may take to settle before it counts as Failed. */
  timeoutMs: number
  /** Delete what the app made and Git no longer declares. */
  prune: boolean
  ignoreDifferences?: readonly IgnoreDifference[]
  /** A namespace to make first when it is missing (`CreateNamespace=true`); not the app's to prune. */
  createNamespace?: string
}

/**
 * Drydock's own documents (machines, images) describe the world the workloads
 * run on, each on its own: one the API server refuses is reported and left out,
 * and the rest of the commit still syncs. A refused workload object stops the
 * whole commit, as a failed dry run stops an Argo CD sync.
 */
const independentGroup = (apiVersion: string): boolean => apiVersion.startsWith('drydock.dev/')

/** `ARGOCD_SYNC_WAVE_DELAY`: Argo CD lets controllers catch up this long between two steps. */
export const WAVE_DELAY_MS = 2_000

/**
 * One sync operation, as Argo CD runs one: check everything (a dry run), then
 * apply step by step — PreSync hooks, each wave of resources, pruning, PostSync
 * hooks — each step waiting until the one before is healthy, then follow the
 * rollout until every resource is healthy (Succeeded), one is degraded or a
 * hook fails (Failed, after starting the SyncFail hooks), or time runs out. A
 * commit that cannot be rendered or is refused by the API server is an Error
 * and touches nothing, so the cluster keeps its last good state.
 */
export class SyncOperation {
  private phase: SyncPhase = 'Running'
  private health: HealthStatus = 'Progressing'
  private message = ''
  private finishedAtMs?: number
  private readonly problems: ManifestProblemView[]
  private diff: ResourceDiffView[] = []
  private runner?: StepRunner
  /** When the next step may start: after the wave delay. */
  private nextStepAtMs = 0

  constructor(
    private readonly request: SyncRequest,
    private readonly target: ClusterTarget,
    private readonly startedAtMs: number,
  ) {
    this.problems = request.problems.map((p) => ({ ...p }))
    this.start()
  }

  get settled(): boolean {
    return this.phase !== 'Running'
  }

  /**
   * When the operation wants to be assessed again even if nothing happens in
   * the cluster meanwhile: the end of a wave delay. Whoever drives virtual time
   * wakes it then.
   */
  get wakeAtMs(): number | undefined {
    return this.settled || this.nextStepAtMs === 0 ? undefined : this.nextStepAtMs
  }

  private start(): void {
    if (this.problems.length > 0) return this.fail('Error', this.problemSummary())
    const desired = trackedDesired(this.request.app, this.request.objects)
    const refused = this.dryRun(desired)
    if (refused === 'blocking') return this.fail('Error', this.problemSummary())
    const refusedKeys = new Set(refused.map((r) => resourceKey(r.object)))
    const wanted = desired.filter((d) => !refusedKeys.has(resourceKey(d.object)))
    const extra = extraObjects(this.request.app, desired, this.target)
    this.diff = diffApp({
      desired: wanted.filter((d) => hookRole(d.object).kind === 'resource'),
      extra,
      target: this.target,
      ignoreDifferences: this.request.ignoreDifferences,
    }).filter((d) => d.status !== 'Synced')
    const plan: SyncPlan = planSync(wanted, extra, { prune: this.request.prune })
    this.runner = new StepRunner(plan, this.target, refused)
    this.createNamespace()
    this.runner.startNext()
    if (this.checkFailures()) this.finish(this.startedAtMs)
  }

  /** Checks every object as the API server would; refusals become problems with file and line. */
  private dryRun(desired: DesiredObject[]): { object: Manifest; message: string }[] | 'blocking' {
    const namespacesToCreate = new Set(
      desired.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata.name),
    )
    if (this.request.createNamespace) namespacesToCreate.add(this.request.createNamespace)
    const refused: { object: Manifest; message: string }[] = []
    let blocking = false
    for (const { object, origin } of desired) {
      if (hookRole(object).kind === 'skipped') continue
      const message = this.target.validate(object, { namespacesToCreate })
      if (!message) continue
      this.problems.push({ file: origin.file, line: origin.line, message })
      refused.push({ object, message })
      blocking ||= !independentGroup(object.apiVersion)
    }
    return blocking ? 'blocking' : refused
  }

  /** Makes the app's namespace when asked to and it is missing, as Argo CD does before its sync. */
  private createNamespace(): void {
    const name = this.request.createNamespace
    if (!name) return
    const ref = { apiVersion: 'v1', kind: 'Namespace', name }
    if (this.target.get(ref)) return
    const outcome = this.target.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
    this.runner?.note({
      ...ref,
      health: outcome.action === 'failed' ? 'Missing' : 'Healthy',
      message: outcome.action === 'failed' ? outcome.message : 'CreateNamespace=true',
      action: outcome.action,
    })
  }

  private problemSummary(): string {
    const first = this.problems[0]!
    const more = this.problems.length > 1 ? ` (and ${this.problems.length - 1} more)` : ''
    return `${formatProblem(first)}${more}`
  }

  private fail(phase: 'Error' | 'Failed', message: string): void {
    this.phase = phase
    this.health = phase === 'Error' ? 'Unknown' : this.health
    this.message = message
  }

  /**
   * Re-reads every resource's health, moves to the next step when the current
   * one is done, and ends the operation when the rollout settles.
   */
  assess(nowMs: number): void {
    if (this.settled && this.finishedAtMs !== undefined) return
    const runner = this.runner
    if (!runner) {
      this.finishedAtMs = nowMs
      return
    }
    runner.refresh()
    if (this.settled || this.checkFailures()) return this.finish(nowMs)
    while (runner.currentDone()) {
      if (!runner.hasNext()) {
        if (runner.allDone()) return this.succeed(nowMs)
        break
      }
      if (this.nextStepAtMs === 0) this.nextStepAtMs = nowMs + WAVE_DELAY_MS
      if (nowMs < this.nextStepAtMs) {
        this.message = `waiting ${Math.ceil((this.nextStepAtMs - nowMs) / 1000)}s before ${runner.nextLabel()}`
        return this.afterWaiting(nowMs)
      }
      this.nextStepAtMs = 0
      runner.startNext()
      runner.refresh()
      if (this.checkFailures()) return this.finish(nowMs)
    }
    this.message = runner.waitingFor()
    this.afterWaiting(nowMs)
  }

  /** How long the sync may still wait: its timeout. */
  private afterWaiting(nowMs: number): void {
    this.health = worstOf(this.runner!.resourceHealths())
    if (nowMs - this.startedAtMs < this.request.timeoutMs) return
    this.fail(
      'Failed',
      `sync timed out after ${Math.round(this.request.timeoutMs / 1000)}s: ${this.message}`,
    )
    this.finish(nowMs)
  }

  /** A failed apply, a degraded resource or a failed hook ends the sync, and starts the SyncFail hooks. */
  private checkFailures(): boolean {
    const failure = this.runner?.failure()
    if (!failure) return false
    this.fail('Failed', failure)
    this.runner!.startFailHooks()
    this.runner!.refresh()
    return true
  }

  private succeed(nowMs: number): void {
    const refusal = this.runner!.refusal()
    if (refusal) {
      this.fail('Failed', refusal)
      this.runner!.startFailHooks()
      this.runner!.refresh()
      return this.finish(nowMs)
    }
    const count = this.runner!.resourceCount()
    this.phase = 'Succeeded'
    this.message = `successfully synced (all ${count} resources healthy)`
    this.finish(nowMs)
  }

  private finish(nowMs: number): void {
    const healths = this.runner?.resourceHealths() ?? []
    if (this.phase !== 'Error') this.health = healths.length > 0 ? worstOf(healths) : 'Healthy'
    this.finishedAtMs ??= nowMs
  }

  /** Ends a running operation because a newer commit takes over. */
  supersede(byRevision: string, nowMs: number): void {
    this.assess(nowMs)
    if (this.settled) return
    this.phase = 'Superseded'
    this.message = `superseded by ${byRevision.slice(0, 7)} before its rollout settled`
    this.finishedAtMs = nowMs
  }

  view(): SyncView {
    return {
      id: this.request.id,
      revision: this.request.revision,
      shortSha: this.request.revision.slice(0, 7),
      subject: this.request.subject,
      trigger: this.request.trigger,
      phase: this.phase,
      health: this.health,
      message: this.message,
      startedAtVirtualMs: this.startedAtMs,
      finishedAtVirtualMs: this.finishedAtMs,
      resources: this.runner?.results().map((r) => ({ ...r })) ?? [],
      problems: this.problems.map((p) => ({ ...p })),
      steps: this.runner?.stepViews() ?? [],
      diff: this.diff,
    }
  }
}
