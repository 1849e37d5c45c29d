import { compareApp, withHealth, type AppComparison } from '../gitops/app/compare'
import { DiffCache } from '../gitops/diff/diff-cache'
import {
  prepareRevision,
  startSync,
  type AppSettings,
  type PreparedRevision,
  type RenderServices,
} from '../gitops/engine'
import type { SyncOperation } from '../gitops/sync/operation'
import type { GitRepository } from '../git/repository'
import type { AppView, HistoryEntry, SyncPolicyView, SyncTrigger } from '../shared/dto'
import type { TimerHandle } from '../sim/kernel/clock'
import type { Simulation } from '../sim/simulation'
import type { HistoryJournal } from './history-journal'
import type { SimulationTarget } from './sim-target'

/** Argo CD's `--self-heal-timeout-seconds`: how long after a sync self-heal waits before it syncs again. */
export const SELF_HEAL_TIMEOUT_MS = 5_000
/** The shortest wall time between two comparisons of an app with the cluster. */
const REFRESH_INTERVAL_MS = 250

export interface AppRuntimeOptions {
  settings: AppSettings
  /** The branch whose tip the app follows. */
  branch: string
  declared: boolean
  source: GitRepository
  sim: Simulation
  target: SimulationTarget
  /** kubectl and helm, and the parsed files kept between commits. */
  render?: RenderServices
  /** Where its history lives; none for an app that keeps no history (tests of the engine). */
  journal?: HistoryJournal
  /** Writes the app's sync policy when the user changes it. */
  savePolicy?: (policy: SyncPolicyView) => void
  wallNow: () => number
  onChange: () => void
}

interface Running {
  op: SyncOperation
  entry: HistoryEntry
  /** The phase last written to the journal. */
  recorded: string
  wake?: TimerHandle
}

/**
 * One app of an open repository, as Argo CD's application controller runs one:
 * it follows its branch's tip, renders it, syncs it when its policy says so
 * (once per commit), compares the cluster with Git after every change of its
 * resources, heals drift when asked to, and keeps the history of every sync.
 */
export class AppRuntime {
  private settings: AppSettings
  private tip: string | null = null
  private prepared: PreparedRevision | undefined
  private lastGood: PreparedRevision | undefined
  private running: Running | undefined
  private readonly history: HistoryEntry[]
  private comparison: AppComparison | undefined
  /** Each resource's last diff, so a comparison diffs only what changed on either side. */
  private diffs = new DiffCache()
  private dirty = true
  private lastRefreshWallMs = Number.NEGATIVE_INFINITY
  private conditions: string[] = []
  private nextId: number
  private everFollowed = false

  constructor(private readonly options: AppRuntimeOptions) {
    this.settings = options.settings
    this.history = options.journal?.entries() ?? []
    this.nextId = options.journal?.nextId() ?? 1
    this.closeInterrupted()
  }

  get name(): string {
    return this.settings.name
  }

  /** Whether drydock.yaml declares the app, and the branch it follows: what it was made for. */
  madeFor(): { declared: boolean; branch: string } {
    return { declared: this.options.declared, branch: this.options.branch }
  }

  /** A sync still Running in the journal is one Drydock stopped in the middle of: it ended there. */
  private closeInterrupted(): void {
    for (const entry of this.history) {
      if (entry.sync.phase !== 'Running') continue
      entry.sync = {
        ...entry.sync,
        phase: 'Failed',
        message: 'interrupted: Drydock stopped before the rollout settled',
      }
      this.options.journal?.record(entry)
    }
  }

  /** Whether the app has taken a tip yet: its first sync is its `initial` one. */
  get followed(): boolean {
    return this.everFollowed
  }

  /** The app's branch cannot be read (deleted, say): shown until it can. */
  sourceProblem(message: string): void {
    if (this.conditions[0] === message) return
    this.conditions = [message]
    this.options.onChange()
  }

  /** Takes the tip of the app's branch: renders it, and syncs it if the policy says so. */
  async follow(sha: string, trigger: SyncTrigger): Promise<void> {
    if (sha === this.tip) return
    this.tip = sha
    this.everFollowed = true
    this.conditions = []
    let prepared: PreparedRevision
    try {
      prepared = await prepareRevision(
        this.options.source,
        sha,
        this.options.target,
        this.settings,
        this.options.render,
      )
    } catch (e) {
      // Git or the disk refused (a damaged object, a full disk): the tip is taken again at the next check.
      if (this.tip === sha) this.tip = null
      throw e
    }
    // A newer tip may have arrived while this one was being read.
    if (this.tip !== sha) return
    this.prepared = prepared
    if (prepared.request.problems.length === 0) this.lastGood = prepared
    this.dirty = true
    if (this.settings.syncPolicy.automated) this.startSync(trigger)
    this.options.onChange()
  }

  /** Syncs the tip now, whatever the policy: the Sync button, `argocd app sync`. */
  syncNow(): void {
    if (!this.prepared) throw new Error(`app ${this.name} has no revision to sync yet`)
    this.startSync('manual')
  }

  /**
   * drydock.yaml says something new of the app (its path, namespace, policy…):
   * the tip is rendered and compared again under the new settings, and synced
   * if the app is automated, as Argo CD does when an Application changes.
   */
  declare(settings: AppSettings): void {
    if (!this.options.declared || JSON.stringify(settings) === JSON.stringify(this.settings)) return
    this.settings = settings
    this.diffs = new DiffCache()
    this.tip = null
  }

  setPolicy(policy: SyncPolicyView): void {
    if (this.options.declared)
      throw new Error(`app ${this.name} is declared in drydock.yaml: change its syncPolicy there`)
    this.settings = { ...this.settings, syncPolicy: { ...policy } }
    this.options.savePolicy?.(policy)
    this.dirty = true
    this.options.onChange()
  }

  private startSync(trigger: SyncTrigger): void {
    const prepared = this.prepared!
    const sim = this.options.sim
    const now = sim.nowMs()
    this.running?.op.supersede(prepared.commit.sha, now)
    this.recordRunning()
    const op = startSync(prepared, this.options.target, now, this.nextId++, trigger)
    op.assess(now)
    const entry: HistoryEntry = {
      app: this.name,
      sync: op.view(),
      author: `${prepared.commit.author.name} <${prepared.commit.author.email}>`,
      startedAtWallMs: this.options.wallNow(),
    }
    this.history.push(entry)
    this.running = { op, entry, recorded: '' }
    this.conditions = []
    this.dirty = true
    this.recordRunning()
  }

  /** Writes the running sync to the journal when its phase changed; lets it go once it settled. */
  private recordRunning(): void {
    const running = this.running
    if (!running) return
    const view = running.op.view()
    running.entry.sync = view
    if (view.phase !== 'Running') running.entry.finishedAtWallMs ??= this.options.wallNow()
    if (running.recorded !== view.phase) {
      this.options.journal?.record(running.entry)
      running.recorded = view.phase
    }
    const wakeAt = running.op.wakeAtMs
    if (wakeAt !== undefined && running.wake?.atMs !== wakeAt) {
      running.wake?.cancel()
      running.wake = this.options.sim.clock.at(wakeAt, `sync ${this.name}`, () => undefined)
    }
    if (view.phase !== 'Running') {
      running.wake?.cancel()
      this.running = undefined
    }
  }

  /** One of the app's resources changed in the cluster: compare again soon. */
  markDirty(): void {
    this.dirty = true
  }

  /** After each step of virtual time: follow the running sync, compare, heal. */
  tick(): void {
    if (this.running) {
      this.running.op.assess(this.options.sim.nowMs())
      this.recordRunning()
    }
    this.refresh()
    this.selfHeal()
  }

  /** Compares the app with the cluster again when its resources changed; reads their health always. */
  private refresh(): void {
    const wall = this.options.wallNow()
    if (!this.prepared || wall - this.lastRefreshWallMs < REFRESH_INTERVAL_MS) return
    this.lastRefreshWallMs = wall
    const request = this.prepared.request
    // A revision that cannot be rendered has nothing to compare: the last comparison stands.
    if (this.dirty && request.problems.length === 0) {
      this.dirty = false
      this.comparison = compareApp(
        this.name,
        request.objects,
        this.options.target,
        this.settings.ignoreDifferences,
        this.diffs,
      )
    } else if (this.comparison) {
      this.comparison = withHealth(this.comparison, this.options.target)
    }
  }

  /**
   * Argo CD's self-heal: an automated app whose resources drifted from Git is
   * synced again, once the last sync of this revision succeeded and the
   * self-heal timeout has passed since it ended.
   */
  private selfHeal(): void {
    const policy = this.settings.syncPolicy
    if (!policy.automated || !policy.selfHeal || this.running || !this.prepared) return
    if (this.comparison?.syncStatus !== 'OutOfSync' || this.dirty) return
    const revision = this.prepared.commit.sha
    const last = this.history.findLast((e) => e.sync.revision === revision)
    if (!last || last.sync.phase !== 'Succeeded') {
      if (last && last.sync.phase !== 'Superseded')
        this.conditions = [
          `Skipping auto-sync: failed previous sync attempt to ${revision.slice(0, 7)}`,
        ]
      return
    }
    const finished = last.sync.finishedAtVirtualMs ?? 0
    if (this.options.sim.nowMs() - finished < SELF_HEAL_TIMEOUT_MS) return
    this.startSync('self-heal')
    this.options.onChange()
  }

  view(): AppView {
    const comparison = this.comparison
    const synced = this.history.findLast((e) => e.sync.phase === 'Succeeded')
    return {
      name: this.name,
      path: this.settings.path,
      namespace: this.settings.namespace,
      branch: this.options.branch,
      syncPolicy: { ...this.settings.syncPolicy },
      declared: this.options.declared,
      syncStatus: comparison?.syncStatus ?? 'Unknown',
      health: comparison?.health ?? 'Unknown',
      revision: this.tip,
      syncedRevision: synced?.sync.revision ?? null,
      resources: comparison?.resources ?? [],
      problems: this.prepared?.request.problems.map((p) => ({ ...p })) ?? [],
      // A history that could not be read whole says so for as long as the app runs.
      conditions: [
        ...(this.options.journal?.problem ? [this.options.journal.problem] : []),
        ...this.conditions,
      ],
      history: [...this.history].reverse(),
    }
  }

  /** The revision history entry `id` synced; throws when there is no such entry. */
  revisionOf(id: number): string {
    const entry = this.history.find((e) => e.sync.id === id)
    if (!entry)
      throw new Error(
        `app ${this.name} has no sync ${id} in its history (it has ${this.history.map((e) => e.sync.id).join(', ') || 'none'})`,
      )
    return entry.sync.revision
  }

  /** The newest revision of the app that could be rendered: what traffic may be sent to. */
  declaredRevision(): PreparedRevision | undefined {
    return this.lastGood
  }

  close(): void {
    this.running?.wake?.cancel()
    this.options.journal?.close()
  }

  /** A cheap fingerprint of what the view shows. */
  version(): string {
    const running = this.running?.op.view()
    return `${this.tip}|${this.history.length}|${running?.phase}|${running?.message}|${this.comparison?.syncStatus}|${this.comparison?.health}|${this.conditions.join()}`
  }
}
