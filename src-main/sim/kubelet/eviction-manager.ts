import type { Node, Pod } from '../api/core'
import { isPodTerminal, podRequests } from '../api/pod-util'
import { bytes } from '../api/quantity'
import { bytesText } from '../infra/capacity'
import type { KubeletProcesses } from '../infra/kubelet-processes'
import { memoryCapacity, memoryThreshold, type MemoryThreshold } from '../infra/node-memory'
import type { OutsideMemory } from '../infra/outside-memory'
import type { Controller, ReconcileResult } from '../runtime/controller'
import type { ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'

/** The eviction manager's `monitoringInterval`: the kubelet's housekeeping period. */
export const EVICTION_MONITORING_INTERVAL_MS = 10_000
/** `--eviction-pressure-transition-period`: how long a pressure condition outlasts its cause. */
export const PRESSURE_TRANSITION_PERIOD_MS = 5 * 60_000
/** A hard threshold's grace period (`immediateEvictionGracePeriodSeconds`). */
const HARD_EVICTION_GRACE_MS = 1_000
/** `scheduling.SystemCriticalPriority`: a pod at or above it is never evicted. */
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000

/** What the eviction manager needs from the kubelet: each pod's usage, and a way to evict it. */
export interface EvictionKubelet {
  podMetrics(namespace: string, pod: string): { name: string; memoryBytes: number }[] | undefined
  evictPod(pod: Pod, message: string, graceMs: number): boolean
}

interface NodeState {
  /** When `memory.available` was last seen below its threshold. */
  lastMetMs?: number
  pressure: boolean
}

interface Candidate {
  pod: Pod
  /** Each running container's working set. */
  containers: Map<string, number>
  usage: number
  request: number
  priority: number
}

/**
 * The kubelet's eviction manager, for memory (`pkg/kubelet/eviction`): every
 * housekeeping period it compares `memory.available` (the node's capacity less
 * what its pods and anything outside Kubernetes use) with the hard threshold;
 * while it is below, the node reports `MemoryPressure` and one pod is evicted
 * per period, in the kubelet's order: pods using more than they request first,
 * then lower priority, then the larger use above request. The condition stays
 * True for the transition period after the last time the threshold was met.
 *
 * Only nodes with memory taken outside Kubernetes, or still under pressure,
 * are looked at: a node at rest costs nothing.
 */
export class EvictionManager implements Controller {
  readonly name = 'kubelet-eviction-manager'
  readonly queue: WorkQueue
  private readonly nodes = new Map<string, NodeState>()
  /** Housekeeping passes fall every interval from here. */
  private readonly originMs: number

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kubelet: EvictionKubelet,
    private readonly processes: KubeletProcesses,
    private readonly outside: OutsideMemory,
    /** Tells the node status manager that a pressure condition changed. */
    private readonly pressureChanged: (nodeName: string) => void,
  ) {
    this.queue = ctx.newQueue(this.name)
    this.originMs = ctx.clock.nowMs()
    // Seen at the next housekeeping pass, not at once.
    outside.subscribe((nodeName) => {
      const sinceMs = ctx.clock.nowMs() - this.originMs
      this.queue.addAfter(
        nodeName,
        EVICTION_MONITORING_INTERVAL_MS - (sinceMs % EVICTION_MONITORING_INTERVAL_MS),
      )
    })
  }

  /** Whether the node's kubelet reports `MemoryPressure`. */
  memoryPressure(nodeName: string): boolean {
    return this.nodes.get(nodeName)?.pressure ?? false
  }

  /** `synchronize`, for one node. */
  reconcile(nodeName: string): ReconcileResult | void {
    const node = this.ctx.store.get<Node>('Node', undefined, nodeName)
    const state = this.nodes.get(nodeName) ?? { pressure: false }
    if (!node) {
      this.nodes.delete(nodeName)
      return
    }
    // A kubelet that is stopped evicts nothing; one unheard is left to what the control plane decides.
    if (!this.processes.posting(nodeName)) return this.again(nodeName, state)
    const nowMs = this.ctx.clock.nowMs()
    const threshold = memoryThreshold(this.ctx.store, node)
    const pods = this.ctx.store
      .list<Pod>('Pod', { fieldSelector: { 'spec.nodeName': nodeName } })
      .filter((p) => !isPodTerminal(p))
    const candidates = pods.map((pod) => this.candidate(pod))
    const used = candidates.reduce((sum, c) => sum + c.usage, 0) + this.outside.bytes(nodeName)
    const available = Math.max(0, memoryCapacity(node) - used)
    const met = threshold !== undefined && available < threshold.bytes
    if (met) state.lastMetMs = nowMs
    const pressure =
      state.lastMetMs !== undefined && nowMs - state.lastMetMs < PRESSURE_TRANSITION_PERIOD_MS
    if (!pressure) delete state.lastMetMs
    const changed = pressure !== state.pressure
    state.pressure = pressure
    this.nodes.set(nodeName, state)
    if (changed) this.pressureChanged(nodeName)
    if (met) this.reclaim(node, candidates, threshold, available)
    return this.again(nodeName, state)
  }

  /** Looked at again next period while memory is taken outside or the pressure lasts. */
  private again(nodeName: string, state: NodeState): ReconcileResult | void {
    if (this.outside.bytes(nodeName) > 0 || state.pressure)
      return { requeueAfterMs: EVICTION_MONITORING_INTERVAL_MS }
    this.nodes.delete(nodeName)
  }

  private candidate(pod: Pod): Candidate {
    const metrics = this.kubelet.podMetrics(pod.metadata.namespace!, pod.metadata.name) ?? []
    return {
      pod,
      containers: new Map(metrics.map((m) => [m.name, m.memoryBytes])),
      usage: metrics.reduce((sum, m) => sum + m.memoryBytes, 0),
      request: podRequests(pod).memoryBytes,
      priority: (pod.spec as { priority?: number }).priority ?? 0,
    }
  }

  /** Evicts the first pod in the kubelet's order; at most one per period. */
  private reclaim(
    node: Node,
    candidates: Candidate[],
    threshold: MemoryThreshold,
    available: number,
  ): void {
    const nodeName = node.metadata.name
    this.ctx.recorder.record(
      { apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName, uid: nodeName } },
      'Warning',
      'EvictionThresholdMet',
      'Attempting to reclaim memory',
      { component: 'kubelet', host: nodeName },
    )
    const ranked = candidates
      .filter(
        (c) =>
          !c.pod.metadata.deletionTimestamp &&
          c.priority < SYSTEM_CRITICAL_PRIORITY &&
          c.pod.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined,
      )
      .sort(rankMemoryPressure)
    for (const c of ranked)
      if (
        this.kubelet.evictPod(
          c.pod,
          evictionMessage(c, threshold, available),
          HARD_EVICTION_GRACE_MS,
        )
      )
        return
  }
}

/** `rankMemoryPressure`: usage above requests first, then lower priority, then more use above request. */
export function rankMemoryPressure(a: Candidate, b: Candidate): number {
  const aOver = a.usage > a.request
  const bOver = b.usage > b.request
  if (aOver !== bOver) return aOver ? -1 : 1
  if (a.priority !== b.priority) return a.priority - b.priority
  const byUse = b.usage - b.request - (a.usage - a.request)
  if (byUse !== 0) return byUse
  const ka = `${a.pod.metadata.namespace}/${a.pod.metadata.name}`
  const kb = `${b.pod.metadata.namespace}/${b.pod.metadata.name}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/**
 * `evictionMessage`, word for word (with its trailing space): the threshold
 * (when it is a quantity, not a share), what was available, and each container
 * using more than it requested.
 */
function evictionMessage(c: Candidate, threshold: MemoryThreshold, available: number): string {
  let message = 'The node was low on resource: memory. '
  if (!threshold.text.endsWith('%'))
    message += `Threshold quantity: ${threshold.text}, available: ${bytesText(available)}. `
  return message + containersOver(c)
}

/** `Container app was using 300Mi, request is 128Mi, has larger consumption of memory. ` for each. */
function containersOver(c: Candidate): string {
  let text = ''
  for (const container of c.pod.spec.containers) {
    const used = c.containers.get(container.name)
    if (used === undefined) continue
    const requested = container.resources?.requests?.memory
    if (used <= bytes(requested)) continue
    text += `Container ${container.name} was using ${bytesText(used)}, request is ${requested ?? '0'}, has larger consumption of memory. `
  }
  return text
}
