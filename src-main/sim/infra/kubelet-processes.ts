import type { Node, NodeStatus } from '../api/core'
import type { NetworkPartitions } from './network'

/**
 * Whether each node's kubelet is running: `stopped` (the process stopped; its
 * containers run on), `down` (its machine is off or rebooting; every container
 * there is gone). This is the simulated world's state, as the kubelet's own
 * runtime state is, not an API object.
 *
 * The heartbeat is implicit: a running kubelet renews its Lease every 10 s
 * from the moment it started, so the last renewal before it went silent is
 * known without a single write. Only nodes that ever stopped or started after
 * boot have an entry; a cluster at rest costs nothing here.
 */
export type KubeletState = 'running' | 'stopped' | 'down'

/** The kubelet's `NodeLease` renew interval: a quarter of the 40 s lease duration. */
export const LEASE_RENEW_INTERVAL_MS = 10_000

export interface KubeletChange {
  nodeName: string
  state: KubeletState
  previous: KubeletState
}

/**
 * What a kubelet that starts needs: the Node to register if there is none, the
 * machine's size (a VM resized while it was down reports its new capacity),
 * and its boot id.
 */
export interface KubeletStart {
  register?: Node
  resources?: Pick<NodeStatus, 'capacity' | 'allocatable'>
  bootId?: string
}

interface Entry {
  /** The process's own state. */
  state: KubeletState
  /** When the kubelet last started: its renewals fall every 10 s from here. */
  startedAtMs: number
  /** Cut off from the network (see `network.ts`): it runs, but nothing it sends arrives. */
  isolated: boolean
  /** While the control plane hears nothing: since when, and the last renewal it heard. */
  silence?: { sinceMs: number; lastRenewalMs: number }
  /** Consumed by the node status manager once, when the start is first heard. */
  pendingStart?: KubeletStart
}

/** What the control plane makes of a kubelet: running only while it runs and can reach it. */
function heard(entry: Entry): KubeletState {
  return entry.state === 'running' && entry.isolated ? 'stopped' : entry.state
}

export class KubeletProcesses {
  private readonly entries = new Map<string, Entry>()
  private readonly listeners: ((change: KubeletChange) => void)[] = []

  /**
   * `bootMs`: when the kubelets of the nodes the cluster booted with started.
   * With `network`, a node cut off is silent to the control plane while its
   * kubelet runs on.
   */
  constructor(
    private readonly bootMs: number,
    network?: NetworkPartitions,
  ) {
    network?.subscribe(({ nodeName, isolated, atMs }) =>
      this.change(nodeName, atMs, (e) => {
        e.isolated = isolated
      }),
    )
  }

  /**
   * Listeners hear what the control plane hears: `running` when a kubelet is
   * heard again, `stopped` when it falls silent (its process stopped, or its
   * node was cut off), `down` when its machine went down.
   */
  subscribe(listener: (change: KubeletChange) => void): void {
    this.listeners.push(listener)
  }

  /** The kubelet process's own state, whether or not anyone hears it. */
  state(nodeName: string): KubeletState {
    return this.entries.get(nodeName)?.state ?? 'running'
  }

  /** Whether the kubelet runs and the API server hears it. */
  posting(nodeName: string): boolean {
    const entry = this.entries.get(nodeName)
    return !entry || heard(entry) === 'running'
  }

  /** Since when the kubelet has not been heard, or undefined while it is. */
  silentSinceMs(nodeName: string): number | undefined {
    return this.entries.get(nodeName)?.silence?.sinceMs
  }

  /** The last Lease renewal heard from a silent kubelet: the last 10 s step from its start before it fell silent. */
  lastRenewalMs(nodeName: string): number | undefined {
    return this.entries.get(nodeName)?.silence?.lastRenewalMs
  }

  /** The kubelet stops; with `machineDown`, its machine went down with it. */
  stop(nodeName: string, nowMs: number, machineDown: boolean): void {
    const previous = this.state(nodeName)
    const state: KubeletState = machineDown ? 'down' : 'stopped'
    if (previous === state || (previous === 'down' && !machineDown)) return
    this.change(nodeName, nowMs, (e) => {
      e.state = state
    })
  }

  /** The kubelet starts (again); `start` tells it what to register and which boot it is. */
  start(nodeName: string, nowMs: number, start: KubeletStart = {}): void {
    const previous = this.state(nodeName)
    if (previous === 'running' && !start.register) return
    this.change(
      nodeName,
      nowMs,
      (e) => {
        e.state = 'running'
        e.startedAtMs = nowMs
        e.pendingStart = start
      },
      start.register !== undefined,
    )
  }

  /** What the kubelet that just started has to do once: register, report a reboot. */
  takeStart(nodeName: string): KubeletStart | undefined {
    const entry = this.entries.get(nodeName)
    if (!entry || heard(entry) !== 'running' || !entry.pendingStart) return undefined
    const start = entry.pendingStart
    delete entry.pendingStart
    return start
  }

  /** Applies a change to a kubelet and tells the listeners when what is heard of it changed. */
  private change(nodeName: string, nowMs: number, apply: (e: Entry) => void, force = false): void {
    const entry = this.entries.get(nodeName) ?? {
      state: 'running',
      startedAtMs: this.bootMs,
      isolated: false,
    }
    const previous = heard(entry)
    if (previous === 'running') {
      const steps = Math.floor((nowMs - entry.startedAtMs) / LEASE_RENEW_INTERVAL_MS)
      const lastRenewalMs = entry.startedAtMs + Math.max(0, steps) * LEASE_RENEW_INTERVAL_MS
      entry.silence = { sinceMs: nowMs, lastRenewalMs }
    }
    apply(entry)
    const state = heard(entry)
    if (state === 'running') delete entry.silence
    this.entries.set(nodeName, entry)
    if (state !== previous || (force && state === 'running'))
      this.emit({ nodeName, state, previous })
  }

  private emit(change: KubeletChange): void {
    for (const listener of this.listeners) listener(change)
  }
}
