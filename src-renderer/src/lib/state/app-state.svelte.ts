import type { HostClient, KubectlOutput } from '../../../../src-main/shared/contract'
import type { Snapshot, SyncPolicyView } from '../../../../src-main/shared/dto'
import { connectToHost, type ConnectionState } from '../api'

/**
 * The renderer's state: the latest snapshot the host pushed, the connection, and a
 * wall-clock tick for relative times. Snapshots arrive whole and are never
 * mutated, so they are held raw.
 */
export class AppState {
  snapshot = $state.raw<Snapshot | null>(null)
  connection = $state<ConnectionState>('connecting')
  actionError = $state<string | null>(null)
  /** Why the last fault asked for was refused; cleared by the next that is carried out. */
  faultError = $state<string | null>(null)
  /** Why the last client could not be added or stopped. */
  trafficError = $state<string | null>(null)
  nowMs = $state(Date.now())
  /** The app shown, by name; the first when none was picked or it is gone. */
  selectedApp = $state<string | null>(null)
  /** The sync of that app shown in full, by number; its newest when none was picked. */
  selectedSync = $state<number | null>(null)
  readonly client: HostClient

  constructor() {
    this.client = connectToHost((state) => (this.connection = state))
    this.client.onSnapshot((snapshot) => (this.snapshot = snapshot))
    void this.client.getSnapshot().then((snapshot) => (this.snapshot ??= snapshot))
    setInterval(() => (this.nowMs = Date.now()), 1000)
  }

  async setSpeed(speed: number): Promise<void> {
    await this.run(() => this.client.setSpeed({ speed }))
  }

  async openRepository(path: string): Promise<void> {
    await this.run(() => this.client.openRepository({ path }))
  }

  /** Sets off a fault written as the CLI writes it; true when the host carried it out. */
  async applyFault(spec: string): Promise<boolean> {
    const error = await this.attempt(() => this.client.applyFault({ spec }))
    this.faultError = error
    return error === null
  }

  async addTraffic(spec: string): Promise<boolean> {
    const error = await this.attempt(() => this.client.addTraffic({ spec }))
    this.trafficError = error
    return error === null
  }

  async stopTraffic(id: number): Promise<void> {
    this.trafficError = await this.attempt(() => this.client.stopTraffic({ id }))
  }

  selectApp(name: string): void {
    this.selectedApp = name
    this.selectedSync = null
  }

  async syncApp(app: string): Promise<void> {
    await this.run(() => this.client.syncApp({ app }))
  }

  async setSyncPolicy(app: string, policy: SyncPolicyView): Promise<void> {
    await this.run(() => this.client.setSyncPolicy({ app, ...policy }))
  }

  /** Commits the app as it was at a history entry; the new commit then syncs. */
  async rollback(app: string, historyId: number): Promise<void> {
    await this.run(() => this.client.rollback({ app, historyId }))
    this.selectedSync = null
  }

  async revertCommit(app: string, revision: string): Promise<void> {
    await this.run(() => this.client.revertCommit({ app, revision }))
    this.selectedSync = null
  }

  /** Runs an action whose error belongs next to the control that asked; returns that error. */
  /** Runs a kubectl command at the prompt; a refusal (no repository open) reads as kubectl's stderr. */
  async kubectl(command: string): Promise<KubectlOutput> {
    try {
      return await this.client.kubectl({ command })
    } catch (e) {
      return {
        stdout: '',
        stderr: `error: ${e instanceof Error ? e.message : String(e)}\n`,
        exitCode: 1,
      }
    }
  }

  private async attempt(action: () => Promise<Snapshot>): Promise<string | null> {
    try {
      this.snapshot = await action()
      return null
    } catch (e) {
      return e instanceof Error ? e.message : String(e)
    }
  }

  private async run(action: () => Promise<Snapshot>): Promise<void> {
    try {
      this.snapshot = await action()
      this.actionError = null
    } catch (e) {
      this.actionError = e instanceof Error ? e.message : String(e)
    }
  }
}
