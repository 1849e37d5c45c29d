import {
  defaultAppSettings,
  prepareRevision,
  startSync,
  type AppSettings,
  type PreparedRevision,
} from '../gitops/engine'
import type { SyncOperation } from '../gitops/sync/operation'
import { SourceError } from '../git/errors'
import { GitRepository } from '../git/repository'
import { watchRefs } from '../git/watch'
import type { CommitView, Snapshot, SyncTrigger } from '../shared/dto'
import type { KubeObject } from '../sim/api/meta'
import { Simulation } from '../sim/simulation'
import { clusterView } from './cluster-view'
import { declaredMachines, prepareHeadless } from './headless-run'
import { infrastructureView } from './infra-view'
import { FaultLog } from './live-faults'
import { LiveTraffic } from './live-traffic'
import { Pacer } from './pacer'
import { SimulationTarget } from './sim-target'
import { strictFromEnvironment } from './strict-mode'

export interface SessionOptions {
  seed?: number
  speed?: number
  settings?: Partial<AppSettings>
  /** Virtual time at boot; the host passes the wall clock so ages read naturally. */
  startTimeMs?: number
  /** Called whenever something a snapshot shows may have changed. */
  onChange: () => void
}

const COMMITS_SHOWN = 50

/**
 * One open repository: its watcher, its simulated cluster, the pacing of virtual
 * time, and the sync operations each new commit starts. Git reads are
 * asynchronous and serialised; cluster changes happen on the simulation's turn.
 */
export class RepoSession {
  private readonly sim: Simulation
  private readonly target: SimulationTarget
  private readonly pacer: Pacer
  private readonly settings: AppSettings
  private readonly operations: SyncOperation[] = []
  private readonly faults: FaultLog
  private readonly traffic: LiveTraffic
  /** The latest revision applied, whose Services and Ingresses traffic may be sent to. */
  private declared: PreparedRevision | undefined
  /** Counts the user's faults and traffic changes, for `version()`. */
  private actions = 0
  private commits: CommitView[] = []
  private lastSha: string | null = null
  private error: string | null = null
  private checking: Promise<void> = Promise.resolve()
  private stopWatching: () => void = () => undefined
  private closed = false

  private constructor(
    private readonly repo: GitRepository,
    readonly branch: string,
    private readonly options: SessionOptions,
    infrastructure: KubeObject[] | undefined,
  ) {
    this.settings = { ...defaultAppSettings, ...options.settings }
    this.sim = new Simulation({
      seed: options.seed,
      startTimeMs: options.startTimeMs,
      strict: strictFromEnvironment(),
      infrastructure,
    })
    this.target = new SimulationTarget(this.sim)
    this.faults = new FaultLog(this.sim)
    this.traffic = new LiveTraffic(this.sim, this.settings.namespace)
    this.pacer = new Pacer(this.sim, options.speed ?? 1, () => this.afterTick())
  }

  /** Opens a repository and syncs its branch tip; throws a `SourceError` the user can act on. */
  static async open(
    path: string,
    branch: string | undefined,
    options: SessionOptions,
  ): Promise<RepoSession> {
    const repo = await GitRepository.open(path)
    const tracked = branch ?? (await repo.currentBranch())
    if (!tracked)
      throw new SourceError(
        `${repo.dir} has a detached HEAD: check out a branch, or name the branch to track`,
      )
    const tip = await repo.branchTip(tracked)
    // The cluster boots on the machines the tip declares, as `drydock sync` does;
    // machines added by later commits boot and join as they arrive.
    const settings = { ...defaultAppSettings, ...options.settings }
    const machines = await prepareHeadless(repo, tip, settings).then(
      declaredMachines,
      () => undefined,
    )
    const session = new RepoSession(repo, tracked, options, machines)
    await session.check('initial')
    session.stopWatching = watchRefs(repo.gitdir, () => session.requestCheck())
    session.pacer.start()
    return session
  }

  get path(): string {
    return this.repo.dir
  }

  /** Re-reads the branch tip soon; calls while a check runs are folded into the next one. */
  requestCheck(): void {
    this.checking = this.checking.then(() => this.check('commit'))
  }

  private async check(trigger: SyncTrigger): Promise<void> {
    if (this.closed) return
    let sha: string
    try {
      sha = await this.repo.branchTip(this.branch)
    } catch (e) {
      this.setError(e instanceof Error ? e.message : String(e))
      return
    }
    this.setError(null)
    if (sha === this.lastSha) return
    this.lastSha = sha
    try {
      this.commits = (await this.repo.log(sha, COMMITS_SHOWN)).map((c) => ({
        sha: c.sha,
        shortSha: c.sha.slice(0, 7),
        subject: c.subject,
        author: c.author.name,
        timestampMs: c.author.timestampMs,
      }))
      const prepared = await prepareRevision(this.repo, sha, this.target, this.settings)
      if (this.closed) return
      // A revision with problems is not applied: the cluster keeps the last good one's Services.
      if (prepared.request.problems.length === 0) this.declared = prepared
      const now = this.sim.nowMs()
      this.operations.at(-1)?.supersede(sha, now)
      const op = startSync(prepared, this.target, now, this.operations.length + 1, trigger)
      op.assess(this.sim.nowMs())
      this.operations.push(op)
    } catch (e) {
      this.setError(`reading ${sha.slice(0, 7)}: ${e instanceof Error ? e.message : String(e)}`)
    }
    this.options.onChange()
  }

  private setError(error: string | null): void {
    if (this.error === error) return
    this.error = error
    this.options.onChange()
  }

  private afterTick(): void {
    this.operations.at(-1)?.assess(this.sim.nowMs())
    this.options.onChange()
  }

  /** A cheap fingerprint of everything the snapshot shows, to skip unchanged pushes. */
  version(): string {
    const op = this.operations.at(-1)?.view()
    return `${this.sim.store.resourceVersion}|${this.actions}|${this.operations.length}|${op?.phase}|${op?.message}|${this.error}|${this.pacer.speed}|${Math.floor(this.sim.nowMs() / 1000)}`
  }

  setSpeed(speed: number): void {
    this.pacer.setSpeed(speed)
  }

  /** Sets off a fault written as `--fault` writes it; throws the `FaultError` that says why not. */
  applyFault(spec: string): void {
    this.acted(() => this.faults.apply(spec))
  }

  /** Starts a client written as `--traffic` writes it; throws the `TrafficSpecError` that says why not. */
  addTraffic(spec: string): void {
    this.acted(() => this.traffic.add(spec, this.declared))
  }

  stopTraffic(id: number): void {
    this.acted(() => this.traffic.stop(id))
  }

  private acted(action: () => void): void {
    action()
    this.actions++
    this.options.onChange()
  }

  snapshot(): Snapshot {
    const now = this.sim.nowMs()
    const cluster = clusterView(this.sim.store, now)
    return {
      repository: { path: this.repo.dir, branch: this.branch, headSha: this.lastSha },
      error: this.error,
      commits: this.commits,
      syncs: this.operations.map((op) => op.view()).reverse(),
      nodes: cluster.nodes,
      unscheduled: cluster.unscheduled,
      infrastructure: infrastructureView(this.sim),
      faultLog: this.faults.views(),
      traffic: this.traffic.views(),
      clock: { virtualMs: now, speed: this.pacer.speed, paused: this.pacer.speed === 0 },
    }
  }

  close(): void {
    this.closed = true
    this.stopWatching()
    this.pacer.stop()
  }
}
