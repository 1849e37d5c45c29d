import type { AppSettings } from '../gitops/engine'
import { ParseCache } from '../gitops/render/parse-cache'
import { SourceError } from '../git/errors'
import { GitRepository } from '../git/repository'
import { readSourceState, type SourceState } from '../git/source-state'
import { revertCommit } from '../git/write/revert'
import { rollback } from '../git/write/rollback'
import { watchRefs } from '../git/watch'
import type {
  CommitView,
  ManifestProblemView,
  Snapshot,
  SyncPolicyView,
  SyncTrigger,
} from '../shared/dto'
import type { KubeObject } from '../sim/api/meta'
import { Simulation } from '../sim/simulation'
import { readApps, type AppDeclaration } from './app-declarations'
import { headNotices, movedNotices } from './branch-notices'
import { AppRuntime } from './app-runtime'
import { AppSettingsFile } from './app-settings-file'
import { clusterView } from './cluster-view'
import { appDataDir } from './data-dir'
import { declaredMachines, prepareHeadless } from './headless-run'
import { type CommandOutput, runKubectlLine } from './kubectl'
import { HistoryJournal } from './history-journal'
import { infrastructureView } from './infra-view'
import { FaultLog } from './live-faults'
import { LiveTraffic } from './live-traffic'
import { Pacer } from './pacer'
import { SimulationTarget } from './sim-target'
import { strictFromEnvironment } from './strict-mode'
import { hostManifestTools } from './tools/manifest-tools'

export interface SessionOptions {
  seed?: number
  speed?: number
  /** Settings of the repository's app when drydock.yaml declares none. */
  settings?: Partial<AppSettings>
  /** Virtual time at boot; the host passes the wall clock so ages read naturally. */
  startTimeMs?: number
  /** Where apps keep their history and settings; none keeps nothing across restarts. */
  dataDir?: string
  /** Called whenever something a snapshot shows may have changed. */
  onChange: () => void
}

const COMMITS_SHOWN = 50

/**
 * One open repository: its watcher, its simulated cluster, the pacing of virtual
 * time, and its apps (those drydock.yaml declares, or one of the whole tree),
 * each following its branch into the one cluster. Git reads are asynchronous and
 * serialised; cluster changes happen on the simulation's turn.
 */
export class RepoSession {
  private readonly sim: Simulation
  private readonly target: SimulationTarget
  private readonly pacer: Pacer
  private readonly faults: FaultLog
  private readonly traffic: LiveTraffic
  private readonly apps = new Map<string, AppRuntime>()
  private appProblems: ManifestProblemView[] = []
  /** Where HEAD is, when not on the tracked branch. */
  private headNotices: string[] = []
  /** How the tracked branch last moved, when it did not simply go ahead. */
  private movedNotices: string[] = []
  /** Commits Drydock wrote itself (rollbacks, reverts), and what their sync is to be called. */
  private readonly written = new Map<string, SyncTrigger>()
  /** What each app declares as of the tip: where a rollback writes. */
  private declarations = new Map<string, AppDeclaration>()
  /** Counts the user's faults and traffic changes, for `version()`. */
  private actions = 0
  private commits: CommitView[] = []
  private lastSha: string | null = null
  private error: string | null = null
  private checking: Promise<void> = Promise.resolve()
  private checkPending = false
  private stopWatching: () => void = () => undefined
  private closed = false

  private constructor(
    private readonly repo: GitRepository,
    readonly branch: string,
    private readonly options: SessionOptions,
    infrastructure: KubeObject[] | undefined,
    /** The parse caches the boot render filled, by app: the apps' first render reads nothing twice. */
    private readonly bootCaches: Map<string, ParseCache>,
  ) {
    this.sim = new Simulation({
      seed: options.seed,
      startTimeMs: options.startTimeMs,
      strict: strictFromEnvironment(),
      infrastructure,
    })
    this.target = new SimulationTarget(this.sim)
    this.target.onTrackedChange((app) => this.apps.get(app)?.markDirty())
    this.faults = new FaultLog(this.sim)
    this.traffic = new LiveTraffic(this.sim, options.settings?.namespace ?? 'default')
    this.pacer = new Pacer(this.sim, options.speed ?? 1, () => this.afterTick())
  }

  /** Opens a repository and syncs its branch tip; throws a `SourceError` the user can act on. */
  static async open(
    repoPath: string,
    branch: string | undefined,
    options: SessionOptions,
  ): Promise<RepoSession> {
    const repo = await GitRepository.open(repoPath)
    const tracked = branch ?? (await repo.currentBranch())
    if (!tracked)
      throw new SourceError(
        `${repo.dir} has a detached HEAD: check out a branch, or name the branch to track`,
      )
    const tip = await repo.branchTip(tracked)
    // The cluster boots on the machines the tip declares, as `drydock sync` does;
    // machines added by later commits boot and join as they arrive.
    const apps = await readApps(repo, tip, options.settings)
    const machines: KubeObject[] = []
    const caches = new Map<string, ParseCache>()
    for (const app of apps.apps) {
      const cache = newParseCache()
      caches.set(app.settings.name, cache)
      const prepared = await prepareHeadless(repo, tip, app.settings, { cache }).catch(
        () => undefined,
      )
      machines.push(...((prepared && declaredMachines(prepared)) ?? []))
    }
    const session = new RepoSession(
      repo,
      tracked,
      options,
      machines.length > 0 ? machines : undefined,
      caches,
    )
    await session.check()
    session.stopWatching = watchRefs(repo.gitdir, () => session.requestCheck())
    session.pacer.start()
    return session
  }

  get path(): string {
    return this.repo.dir
  }

  /** Re-reads the branch tip soon; calls before the next check starts are folded into it. */
  requestCheck(): void {
    if (this.checkPending) return
    this.checkPending = true
    this.checking = this.checking.then(() => {
      this.checkPending = false
      return this.check()
    })
  }

  private async check(): Promise<void> {
    if (this.closed) return
    let state: SourceState
    try {
      state = await readSourceState(this.repo, {
        branch: this.branch,
        syncedSha: this.lastSha ?? undefined,
      })
    } catch (e) {
      this.setError(e instanceof Error ? e.message : String(e))
      return
    }
    this.setError(null)
    const short = this.repo.shortSha.bind(this.repo)
    this.headNotices = headNotices(state, short)
    const sha = state.tip
    try {
      if (sha !== this.lastSha) {
        // How the branch moved is news until the next commit lands.
        this.movedNotices = this.lastSha ? movedNotices(state, this.lastSha, short) : []
        await this.readTip(sha)
        // Only a tip read whole is taken: one Git refused is read again at the next check.
        this.lastSha = sha
      }
      await this.followApps(sha)
    } catch (e) {
      this.setError(`reading ${short(sha)}: ${e instanceof Error ? e.message : String(e)}`)
    }
    this.options.onChange()
  }

  /** The tip's commits and apps: apps drydock.yaml adds start, those it drops stop. */
  private async readTip(sha: string): Promise<void> {
    this.commits = (await this.repo.log(sha, COMMITS_SHOWN)).map((c) => ({
      sha: c.sha,
      shortSha: this.repo.shortSha(c.sha),
      subject: c.subject,
      author: c.author.name,
      timestampMs: c.author.timestampMs,
    }))
    const declared = await readApps(this.repo, sha, this.options.settings)
    this.appProblems = declared.problems
    this.declarations = new Map(declared.apps.map((a) => [a.settings.name, a]))
    // An app drydock.yaml no longer declares stops being followed; what it made stays, as
    // when an Argo CD Application is deleted without cascading.
    for (const [name, runtime] of this.apps)
      if (!this.declarations.has(name)) {
        runtime.close()
        this.apps.delete(name)
      }
    for (const app of declared.apps) {
      const runtime = this.apps.get(app.settings.name)
      const made = runtime?.madeFor()
      // An app drydock.yaml starts (or stops) declaring, or moves to another branch, starts afresh on its history.
      if (made && (made.declared !== app.declared || made.branch !== (app.branch ?? this.branch))) {
        runtime!.close()
        this.addApp(app)
      } else if (runtime) runtime.declare(app.settings)
      else this.addApp(app)
    }
  }

  /** Each app takes its branch's tip: the tracked branch's, or the one drydock.yaml names. */
  private async followApps(sha: string): Promise<void> {
    for (const [name, declaration] of this.declarations) {
      const runtime = this.apps.get(name)!
      let tip = sha
      if (declaration.branch) {
        try {
          tip = await this.repo.branchTip(declaration.branch)
        } catch (e) {
          runtime.sourceProblem(e instanceof Error ? e.message : String(e))
          continue
        }
      }
      const trigger: SyncTrigger = runtime.followed
        ? (this.written.get(tip) ?? 'commit')
        : 'initial'
      await runtime.follow(tip, trigger)
      if (this.closed) return
    }
  }

  private addApp(app: AppDeclaration): AppRuntime {
    const dir =
      this.options.dataDir && appDataDir(this.options.dataDir, this.repo.dir, app.settings.name)
    const settingsFile = dir && !app.declared ? new AppSettingsFile(dir) : undefined
    const saved = settingsFile?.read()
    const runtime = new AppRuntime({
      settings: saved ? { ...app.settings, syncPolicy: saved.syncPolicy } : app.settings,
      branch: app.branch ?? this.branch,
      declared: app.declared,
      source: this.repo,
      sim: this.sim,
      target: this.target,
      // Each app keeps its own parse cache: apps read different folders.
      render: {
        tools: hostManifestTools(),
        cache: this.bootCaches.get(app.settings.name) ?? newParseCache(),
      },
      journal: dir ? HistoryJournal.open(dir) : undefined,
      savePolicy: settingsFile && ((syncPolicy) => settingsFile.write({ syncPolicy })),
      wallNow: () => Date.now(),
      onChange: () => this.options.onChange(),
    })
    this.apps.set(app.settings.name, runtime)
    return runtime
  }

  private setError(error: string | null): void {
    if (this.error === error) return
    this.error = error
    this.options.onChange()
  }

  private afterTick(): void {
    for (const app of this.apps.values()) app.tick()
    this.options.onChange()
  }

  /** A cheap fingerprint of everything the snapshot shows, to skip unchanged pushes. */
  version(): string {
    const apps = [...this.apps.values()].map((a) => a.version()).join(';')
    return `${this.sim.store.resourceVersion}|${this.actions}|${apps}|${this.error}|${this.pacer.speed}|${Math.floor(this.sim.nowMs() / 1000)}`
  }

  setSpeed(speed: number): void {
    this.pacer.setSpeed(speed)
  }

  private app(name: string): AppRuntime {
    const app = this.apps.get(name)
    if (!app)
      throw new Error(`there is no app "${name}" (apps: ${[...this.apps.keys()].join(', ')})`)
    return app
  }

  syncApp(name: string): void {
    this.acted(() => this.app(name).syncNow())
  }

  setSyncPolicy(name: string, policy: SyncPolicyView): void {
    this.acted(() => this.app(name).setPolicy(policy))
  }

  /**
   * Writes the rollback commit: the app's folder as it was at the revision of
   * history entry `historyId` (or at `revision`), on the app's branch. The
   * commit then syncs like any other, recorded as a rollback. Throws the
   * SourceError that says why not (local changes, nothing to roll back).
   */
  async rollback(name: string, to: { historyId?: number; revision?: string }): Promise<string> {
    const app = this.app(name)
    const declaration = this.declarations.get(name)!
    const target = to.historyId !== undefined ? app.revisionOf(to.historyId) : to.revision!
    const written = await rollback(this.repo, {
      branch: declaration.branch ?? this.branch,
      target,
      path: declaration.settings.path,
    })
    return this.wrote(written.sha)
  }

  /** Writes the inverse of one commit on the app's branch, as `git revert` does. */
  async revert(name: string, revision: string): Promise<string> {
    this.app(name)
    const declaration = this.declarations.get(name)!
    const written = await revertCommit(this.repo, {
      branch: declaration.branch ?? this.branch,
      commit: revision,
    })
    return this.wrote(written.sha)
  }

  private wrote(sha: string): string {
    this.written.set(sha, 'rollback')
    this.actions++
    this.requestCheck()
    return sha
  }

  /** A kubectl command against the cluster as it is now; what it changed shows at once. */
  kubectl(command: string): CommandOutput {
    const output = runKubectlLine(this.sim, command)
    this.actions++
    this.options.onChange()
    return output
  }

  /** Sets off a fault written as `--fault` writes it; throws the `FaultError` that says why not. */
  applyFault(spec: string): void {
    this.acted(() => this.faults.apply(spec))
  }

  /** Starts a client written as `--traffic` writes it; throws the `TrafficSpecError` that says why not. */
  addTraffic(spec: string): void {
    const declared = [...this.apps.values()].flatMap((app) => app.declaredRevision() ?? [])
    this.acted(() => this.traffic.add(spec, declared))
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
      repository: {
        path: this.repo.dir,
        branch: this.branch,
        headSha: this.lastSha,
        notices: [...this.headNotices, ...this.movedNotices],
      },
      error: this.error,
      commits: this.commits,
      apps: [...this.apps.values()].map((a) => a.view()),
      appProblems: this.appProblems,
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
    for (const app of this.apps.values()) app.close()
    // A check under way may still read: the packs close once it has finished.
    void this.checking.then(() => this.repo.close())
  }
}

const newParseCache = (): ParseCache => new ParseCache({ freeze: strictFromEnvironment() })
