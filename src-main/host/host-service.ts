import path from 'node:path'
import type {
  AddTrafficRequest,
  ApplyFaultRequest,
  HostApi,
  KubectlOutput,
  KubectlRequest,
  OpenRepositoryRequest,
  SetSpeedRequest,
  RevertRequest,
  RollbackRequest,
  SetSyncPolicyRequest,
  StopTrafficRequest,
  SyncAppRequest,
} from '../shared/contract'
import type { Snapshot } from '../shared/dto'
import { SourceError } from '../git/errors'
import { RepoSession } from './repo-session'

export interface HostOptions {
  seed?: number
  speed?: number
  /** Shortest gap between two snapshot pushes. */
  pushIntervalMs?: number
  /** Where apps keep their history and settings (`data-dir.ts`); none keeps nothing. */
  dataDir?: string
}

const emptySnapshot = (error: string | null, speed: number): Snapshot => ({
  repository: null,
  error,
  commits: [],
  apps: [],
  appProblems: [],
  nodes: [],
  unscheduled: [],
  infrastructure: { hosts: [], hypervisors: [], virtualMachines: [], nodes: [] },
  faultLog: [],
  traffic: [],
  clock: { virtualMs: 0, speed, paused: speed === 0 },
})

/**
 * The application service: owns the open repository's session and pushes
 * snapshots to whoever listens (an Electron window, browser tabs). Repository
 * problems become an error in the snapshot; the host keeps running.
 */
export class HostService implements HostApi {
  private session: RepoSession | undefined
  private error: string | null = null
  private readonly listeners = new Set<(snapshot: Snapshot) => void>()
  private lastPushed = ''
  private pushTimer: NodeJS.Timeout | undefined
  private lastPushMs = 0
  private speed: number

  constructor(private readonly options: HostOptions = {}) {
    this.speed = options.speed ?? 1
  }

  async getSnapshot(): Promise<Snapshot> {
    return this.snapshot()
  }

  async openRepository(request: OpenRepositoryRequest): Promise<Snapshot> {
    // Two sessions on one repository would both write its apps' journals: the old one ends first.
    if (this.session && path.resolve(this.session.path) === path.resolve(request.path)) {
      this.session.close()
      this.session = undefined
    }
    try {
      const session = await RepoSession.open(request.path, request.branch, {
        seed: this.options.seed,
        speed: this.speed,
        startTimeMs: Date.now(),
        dataDir: this.options.dataDir,
        onChange: () => this.schedulePush(),
      })
      this.session?.close()
      this.session = session
      this.error = null
    } catch (e) {
      if (!(e instanceof SourceError)) throw e
      this.error = e.message
    }
    this.schedulePush()
    return this.snapshot()
  }

  async setSpeed(request: SetSpeedRequest): Promise<Snapshot> {
    this.speed = request.speed
    this.session?.setSpeed(request.speed)
    this.schedulePush()
    return this.snapshot()
  }

  async applyFault(request: ApplyFaultRequest): Promise<Snapshot> {
    return this.act((session) => session.applyFault(request.spec))
  }

  async addTraffic(request: AddTrafficRequest): Promise<Snapshot> {
    return this.act((session) => session.addTraffic(request.spec))
  }

  async stopTraffic(request: StopTrafficRequest): Promise<Snapshot> {
    return this.act((session) => session.stopTraffic(request.id))
  }

  async syncApp(request: SyncAppRequest): Promise<Snapshot> {
    return this.act((session) => session.syncApp(request.app))
  }

  async setSyncPolicy(request: SetSyncPolicyRequest): Promise<Snapshot> {
    const { app, automated, prune, selfHeal } = request
    return this.act((session) => session.setSyncPolicy(app, { automated, prune, selfHeal }))
  }

  async rollback(request: RollbackRequest): Promise<Snapshot> {
    await this.requireSession().rollback(request.app, request)
    return this.snapshot()
  }

  async revertCommit(request: RevertRequest): Promise<Snapshot> {
    await this.requireSession().revert(request.app, request.revision)
    return this.snapshot()
  }

  async kubectl(request: KubectlRequest): Promise<KubectlOutput> {
    return this.requireSession().kubectl(request.command)
  }

  private requireSession(): RepoSession {
    if (!this.session) throw new Error('no repository is open: open one first')
    return this.session
  }

  /** Acts on the open repository's cluster; its errors go back to the caller to show. */
  private act(action: (session: RepoSession) => void): Snapshot {
    action(this.requireSession())
    return this.snapshot()
  }

  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private snapshot(): Snapshot {
    if (!this.session) return emptySnapshot(this.error, this.speed)
    const snapshot = this.session.snapshot()
    // An error opening another repository shows over the one still open.
    if (this.error) snapshot.error = this.error
    return snapshot
  }

  private schedulePush(): void {
    if (this.pushTimer) return
    const interval = this.options.pushIntervalMs ?? 100
    const wait = Math.max(0, this.lastPushMs + interval - Date.now())
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined
      const version = `${this.session?.version() ?? ''}|${this.error}|${this.speed}|${this.session?.path}`
      if (version === this.lastPushed) return
      this.lastPushed = version
      this.lastPushMs = Date.now()
      const snapshot = this.snapshot()
      for (const listener of this.listeners) listener(snapshot)
    }, wait)
  }

  close(): void {
    this.session?.close()
    if (this.pushTimer) clearTimeout(this.pushTimer)
  }
}
