import type {
  HealthStatus,
  ManifestProblemView,
  ResourceResultView,
  SyncPhase,
  SyncView,
} from '../../shared/dto'
import { assessHealth } from '../health/health'
import { worstOf } from '../health/types'
import type { DesiredObject, ManifestProblem } from '../manifest/types'
import { formatProblem } from '../manifest/types'
import type { ClusterTarget } from '../ports'
import { syncOrder } from './order'

export interface SyncRequest {
  id: number
  revision: string
  subject: string
  trigger: SyncView['trigger']
  objects: DesiredObject[]
  problems: ManifestProblem[]
  /** Virtual time the operation may take to settle before it counts as Failed. */
  timeoutMs: number
}

/**
 * Drydock's own documents (machines, images) describe the world the workloads
 * run on, each on its own: one the API server refuses is reported and left out,
 * and the rest of the commit still syncs. A refused workload object stops the
 * whole commit, as a failed dry run stops an Argo CD sync.
 */
const independentGroup = (apiVersion: string): boolean => apiVersion.startsWith('drydock.dev/')

interface ResourceState {
  desired: DesiredObject
  result: ResourceResultView
}

/**
 * One sync operation: check everything, apply in order, then follow the rollout
 * until every resource is healthy (Succeeded), one is degraded or time runs out
 * (Failed). A commit that cannot be rendered or is refused by the API server is an
 * Error and touches nothing, so the cluster keeps its last good state.
 */
export class SyncOperation {
  private readonly resources: ResourceState[] = []
  private phase: SyncPhase = 'Running'
  private health: HealthStatus = 'Progressing'
  private message = ''
  private finishedAtMs?: number
  private readonly problems: ManifestProblemView[]

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

  private start(): void {
    if (this.problems.length > 0) return this.fail('Error', this.problemSummary())
    const ordered = [...this.request.objects].sort(syncOrder)
    const namespacesToCreate = new Set(
      ordered.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata.name),
    )
    const refused = new Map<DesiredObject, string>()
    let blocking = false
    for (const desired of ordered) {
      const refusal = this.target.validate(desired.object, { namespacesToCreate })
      if (!refusal) continue
      this.problems.push({
        file: desired.origin.file,
        line: desired.origin.line,
        message: refusal,
      })
      refused.set(desired, refusal)
      blocking ||= !independentGroup(desired.object.apiVersion)
    }
    if (blocking) return this.fail('Error', this.problemSummary())
    for (const desired of ordered) {
      const { apiVersion, kind, metadata } = desired.object
      const refusal = refused.get(desired)
      const outcome = refusal
        ? { action: 'failed' as const, message: refusal }
        : this.target.apply(desired.object)
      this.resources.push({
        desired,
        result: {
          apiVersion,
          kind,
          namespace: metadata.namespace,
          name: metadata.name,
          health: 'Missing',
          message: outcome.action === 'failed' ? outcome.message : '',
          action: outcome.action,
        },
      })
    }
    const failed = this.resources.find((r) => r.result.action === 'failed')
    if (failed)
      this.fail(
        'Failed',
        `one or more objects failed to apply: ${failed.result.kind}/${failed.result.name}: ${failed.result.message}`,
      )
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

  /** Re-reads every resource's health; ends the operation when the rollout settles. */
  assess(nowMs: number): void {
    if (this.settled && this.finishedAtMs !== undefined) return
    for (const r of this.resources) {
      if (r.result.action === 'failed') continue
      const { apiVersion, kind, metadata } = r.desired.object
      const health = assessHealth(
        this.target.get({ apiVersion, kind, namespace: metadata.namespace, name: metadata.name }),
      )
      r.result.health = health.status
      r.result.message = health.message
    }
    if (this.phase === 'Error' || this.phase === 'Failed') {
      this.finishedAtMs = nowMs
      if (this.resources.length > 0)
        this.health = worstOf(this.resources.map((r) => r.result.health))
      return
    }
    this.health = worstOf(this.resources.map((r) => r.result.health))
    const degraded = this.resources.find((r) => r.result.health === 'Degraded')
    if (degraded) {
      this.fail(
        'Failed',
        `${degraded.result.kind}/${degraded.result.name} is Degraded: ${degraded.result.message}`,
      )
    } else if (
      this.resources.every((r) => r.result.health === 'Healthy' || r.result.health === 'Suspended')
    ) {
      this.phase = 'Succeeded'
      this.message = `successfully synced (all ${this.resources.length} resources healthy)`
    } else if (nowMs - this.startedAtMs >= this.request.timeoutMs) {
      const waiting = this.resources.find(
        (r) => r.result.health !== 'Healthy' && r.result.health !== 'Suspended',
      )!
      const detail = waiting.result.message ? `: ${waiting.result.message}` : ''
      this.fail(
        'Failed',
        `sync timed out after ${Math.round(this.request.timeoutMs / 1000)}s: ${waiting.result.kind}/${waiting.result.name} is ${waiting.result.health}${detail}`,
      )
    } else {
      const waiting = this.resources.find(
        (r) => r.result.health !== 'Healthy' && r.result.health !== 'Suspended',
      )
      this.message = waiting
        ? `waiting for ${waiting.result.kind}/${waiting.result.name}${waiting.result.message ? `: ${waiting.result.message}` : ''}`
        : ''
      return
    }
    this.finishedAtMs = nowMs
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
      resources: this.resources.map((r) => ({ ...r.result })),
      problems: this.problems.map((p) => ({ ...p })),
    }
  }
}
