import type { PluginName } from './framework'

/** Cluster changes that can make a pod that failed to schedule fit (`fwk.ClusterEvent`), as bits. */
export const ClusterEvent = {
  NodeAdd: 1 << 0,
  NodeDelete: 1 << 1,
  NodeLabel: 1 << 2,
  NodeTaint: 1 << 3,
  NodeUnschedulable: 1 << 4,
  NodeAllocatable: 1 << 5,
  /** A pod bound to a node, or created on one. */
  PodAdd: 1 << 6,
  /** A bound pod deleted, or finished. */
  PodDelete: 1 << 7,
  PodLabel: 1 << 8,
  /** A claim, volume or storage class added or changed. */
  StorageChange: 1 << 9,
} as const

const E = ClusterEvent

/** `EventsToRegister` of each plugin: what it must see before a pod it rejected is worth another try. */
const INTERESTS: Record<PluginName, number> = {
  NodeUnschedulable: E.NodeAdd | E.NodeUnschedulable | E.NodeTaint,
  NodeName: E.NodeAdd,
  TaintToleration: E.NodeAdd | E.NodeTaint,
  NodeAffinity: E.NodeAdd | E.NodeLabel,
  NodePorts: E.NodeAdd | E.PodDelete,
  NodeResourcesFit: E.NodeAdd | E.NodeAllocatable | E.PodDelete,
  VolumeBinding: E.NodeAdd | E.NodeLabel | E.StorageChange,
  PodTopologySpread:
    E.NodeAdd | E.NodeDelete | E.NodeLabel | E.NodeTaint | E.PodAdd | E.PodDelete | E.PodLabel,
  InterPodAffinity: E.NodeAdd | E.NodeLabel | E.PodAdd | E.PodDelete | E.PodLabel,
  NodeResourcesBalancedAllocation: 0,
}

/** `podInitialBackoffDuration` and `podMaxBackoffDuration`. */
const INITIAL_BACKOFF_MS = 1_000
const MAX_BACKOFF_MS = 10_000

/** `calculateBackoffDuration`: 1 s, doubling with each attempt, at most 10 s. */
export function backoffMs(attempts: number): number {
  let d = INITIAL_BACKOFF_MS
  for (let i = 1; i < attempts; i++) {
    if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS
    d += d
  }
  return d
}

interface Entry {
  interests: number
  attempts: number
  lastAttemptMs: number
}

/**
 * The scheduling queue's unschedulable pods (`unschedulablePods`): each waits for
 * a cluster event one of the plugins that rejected it cares about, then goes back
 * to the queue once its back-off since the last attempt has passed.
 */
export class UnschedulablePods {
  private readonly pods = new Map<string, Entry>()

  get size(): number {
    return this.pods.size
  }

  failed(key: string, plugins: Iterable<PluginName>, nowMs: number): void {
    let interests = 0
    for (const p of plugins) interests |= INTERESTS[p]
    // A rejection no plugin can explain (no nodes at all) waits for any node to appear.
    if (interests === 0) interests = E.NodeAdd
    const entry = this.pods.get(key)
    this.pods.set(key, { interests, attempts: (entry?.attempts ?? 0) + 1, lastAttemptMs: nowMs })
  }

  forget(key: string): void {
    this.pods.delete(key)
  }

  /** Requeues the pods an event may help, each after what remains of its back-off. */
  onEvent(events: number, nowMs: number, requeue: (key: string, delayMs: number) => void): void {
    if (events === 0) return
    for (const [key, e] of this.pods) {
      if ((e.interests & events) === 0) continue
      requeue(key, Math.max(0, e.lastAttemptMs + backoffMs(e.attempts) - nowMs))
    }
  }
}
