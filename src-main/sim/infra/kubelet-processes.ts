import type { Node, NodeStatus } from '../api/core'

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
  state: KubeletState
  /** When the current state began. */
  sinceMs: number
  /** When the kubelet last started: its renewals fall every 10 s from here. */
  startedAtMs: number
  /** Consumed by the node status manager once, right after the start. */
  pendingStart?: KubeletStart
}

export class KubeletProcesses {
  private readonly entries = new Map<string, Entry>()
  private readonly listeners: ((change: KubeletChange) => void)[] = []

  /** `bootMs`: when the kubelets of the nodes the cluster booted with started. */
  constructor(private readonly bootMs: number) {}

  subscribe(listener: (change: KubeletChange) => void): void {
    this.listeners.push(listener)
  }

  state(nodeName: string): KubeletState {
    return this.entries.get(nodeName)?.state ?? 'running'
  }

  /** Since when the kubelet has not been posting, or undefined while it runs. */
  silentSinceMs(nodeName: string): number | undefined {
    const entry = this.entries.get(nodeName)
    return entry && entry.state !== 'running' ? entry.sinceMs : undefined
  }

  /** The last Lease renewal of a silent kubelet: the last 10 s step from its start before it stopped. */
  lastRenewalMs(nodeName: string): number | undefined {
    const entry = this.entries.get(nodeName)
    if (!entry || entry.state === 'running') return undefined
    const steps = Math.floor((entry.sinceMs - entry.startedAtMs) / LEASE_RENEW_INTERVAL_MS)
    return entry.startedAtMs + Math.max(0, steps) * LEASE_RENEW_INTERVAL_MS
  }

  /** The kubelet stops; with `machineDown`, its machine went down with it. */
  stop(nodeName: string, nowMs: number, machineDown: boolean): void {
    const previous = this.state(nodeName)
    const state: KubeletState = machineDown ? 'down' : 'stopped'
    if (previous === state || (previous === 'down' && !machineDown)) return
    const entry = this.entries.get(nodeName)
    this.entries.set(nodeName, {
      state,
      // A machine going down under a stopped kubelet changes nothing about the silence.
      sinceMs: previous === 'running' ? nowMs : entry!.sinceMs,
      startedAtMs: entry?.startedAtMs ?? this.bootMs,
    })
    this.emit({ nodeName, state, previous })
  }

  /** The kubelet starts (again); `start` tells it what to register and which boot it is. */
  start(nodeName: string, nowMs: number, start: KubeletStart = {}): void {
    const previous = this.state(nodeName)
    if (previous === 'running' && !start.register) return
    this.entries.set(nodeName, {
      state: 'running',
      sinceMs: nowMs,
      startedAtMs: nowMs,
      pendingStart: start,
    })
    this.emit({ nodeName, state: 'running', previous })
  }

  /** What the kubelet that just started has to do once: register, report a reboot. */
  takeStart(nodeName: string): KubeletStart | undefined {
    const entry = this.entries.get(nodeName)
    if (!entry || entry.state !== 'running' || !entry.pendingStart) return undefined
    const start = entry.pendingStart
    delete entry.pendingStart
    return start
  }

  private emit(change: KubeletChange): void {
    for (const listener of this.listeners) listener(change)
  }
}
