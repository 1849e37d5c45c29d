import type { Node } from '../api/core'
import type { Condition, ConditionStatus, KubeObject } from '../api/meta'
import { nodeConditions } from '../api/node-util'
import type { KubeletProcesses, KubeletStart } from '../infra/kubelet-processes'
import { NETWORK_NOT_READY } from '../infra/node-template'
import { toRfc3339 } from '../kernel/time'
import type { Controller, ReconcileResult } from '../runtime/controller'
import type { ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'

/** From a new node's kubelet start to its network plugin running (kindnet's pod on the node). */
export const NETWORK_READY_DELAY_MS = 10_000

/** The pressure conditions the kubelet reports False while all is well, with its words. */
const PRESSURES: { type: string; reason: string; message: string; event: string }[] = [
  {
    type: 'MemoryPressure',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
    event: 'NodeHasSufficientMemory',
  },
  {
    type: 'DiskPressure',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
    event: 'NodeHasNoDiskPressure',
  },
  {
    type: 'PIDPressure',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
    event: 'NodeHasSufficientPID',
  },
]

/** `MemoryPressureCondition` while the eviction manager finds the node short of memory. */
const INSUFFICIENT_MEMORY = [
  'KubeletHasInsufficientMemory',
  'kubelet has insufficient memory available',
] as const

/**
 * The kubelet's node status manager, for the moments that matter: when a
 * kubelet starts it registers its Node (or finds it), reports its conditions
 * and, once its network plugin runs, Ready. Between those moments it writes
 * nothing: the Lease renewals that prove it alive are implicit (see
 * `infra/kubelet-processes.ts`), and the five-minute status refresh, which
 * changes nothing a reader acts on, is left out.
 */
export class KubeletNodeStatus implements Controller {
  readonly name = 'kubelet-node-status'
  readonly queue: WorkQueue
  /** When a kubelet that has started reports its node Ready. */
  private readonly readyAtMs = new Map<string, number>()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly processes: KubeletProcesses,
    /** Whether the eviction manager finds the node short of memory. */
    private readonly memoryPressure: (nodeName: string) => boolean = () => false,
  ) {
    this.queue = ctx.newQueue(this.name)
    processes.subscribe(({ nodeName, state }) => {
      if (state === 'running') this.queue.add(nodeName)
      else this.readyAtMs.delete(nodeName)
    })
  }

  reconcile(nodeName: string): ReconcileResult | void {
    if (!this.processes.posting(nodeName)) return
    const nowMs = this.ctx.clock.nowMs()
    const start = this.processes.takeStart(nodeName)
    let node = this.ctx.store.get<Node>('Node', undefined, nodeName)
    if (start) {
      this.event(nodeName, 'Normal', 'Starting', 'Starting kubelet.')
      const registering = !node && start.register !== undefined
      if (registering) node = this.ctx.store.createOwned<Node>(start.register!)
      if (!node) return
      // `initialNode` runs every setter on a fresh Node: each pressure condition is new, so each is reported.
      for (const p of PRESSURES) this.statusEvent(nodeName, p.event)
      this.event(
        nodeName,
        'Normal',
        'NodeAllocatableEnforced',
        'Updated Node Allocatable limit across pods',
      )
      const previousBoot = node.status?.nodeInfo?.bootID
      if (start.bootId && previousBoot && previousBoot !== start.bootId)
        this.event(
          nodeName,
          'Warning',
          'Rebooted',
          `Node ${nodeName} has been rebooted, boot id: ${start.bootId}`,
        )
      this.readyAtMs.set(nodeName, registering ? nowMs + NETWORK_READY_DELAY_MS : nowMs)
    }
    if (!node) return
    const readyAt = this.readyAtMs.get(nodeName) ?? nowMs
    this.post(node, nowMs >= readyAt, nowMs, start)
    if (nowMs < readyAt) return { requeueAfterMs: readyAt - nowMs }
    this.readyAtMs.delete(nodeName)
  }

  /** `tryUpdateNodeStatus` with the condition setters: a write only when something moved. */
  private post(node: Node, ready: boolean, nowMs: number, start?: KubeletStart): void {
    const nowText = toRfc3339(nowMs)
    const current = nodeConditions(node)
    const next = new Map<string, Condition>()
    for (const p of PRESSURES) {
      const before = current.find((c) => c.type === p.type)
      if (p.type === 'MemoryPressure' && this.memoryPressure(node.metadata.name)) {
        next.set(p.type, condition(p.type, before, 'True', ...INSUFFICIENT_MEMORY, nowText))
        if (before?.status !== 'True')
          this.statusEvent(node.metadata.name, 'NodeHasInsufficientMemory')
        continue
      }
      next.set(p.type, condition(p.type, before, 'False', p.reason, p.message, nowText))
      if (before && before.status !== 'False') this.statusEvent(node.metadata.name, p.event)
    }
    const before = current.find((c) => c.type === 'Ready')
    next.set(
      'Ready',
      ready
        ? condition(
            'Ready',
            before,
            'True',
            'KubeletReady',
            'kubelet is posting ready status',
            nowText,
          )
        : condition('Ready', before, 'False', 'KubeletNotReady', NETWORK_NOT_READY, nowText),
    )
    if (before && before.status !== (ready ? 'True' : 'False'))
      this.statusEvent(node.metadata.name, ready ? 'NodeReady' : 'NodeNotReady')
    // Conditions the kubelet does not own (NetworkUnavailable, a node problem detector's) stay as they are.
    const conditions = current.map((c) => next.get(c.type) ?? c)
    for (const [type, c] of next) if (!current.some((x) => x.type === type)) conditions.push(c)
    this.ctx.store.updateStatus<Node>({
      ...node,
      metadata: { ...node.metadata, resourceVersion: undefined },
      status: {
        ...node.status,
        conditions,
        ...start?.resources,
        ...(start?.bootId ? { nodeInfo: { ...node.status!.nodeInfo!, bootID: start.bootId } } : {}),
      },
    })
  }

  /** `recordNodeStatusEvent`. */
  private statusEvent(nodeName: string, event: string): void {
    this.event(nodeName, 'Normal', event, `Node ${nodeName} status is now: ${event}`)
  }

  /** The kubelet's node reference names the node by name, uid included. */
  private event(nodeName: string, type: 'Normal' | 'Warning', reason: string, message: string) {
    const ref: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: nodeName, uid: nodeName },
    }
    this.ctx.recorder.record(ref, type, reason, message, { component: 'kubelet', host: nodeName })
  }
}

/** lastTransitionTime moves only when the status does (the setters' rule). */
function condition(
  type: string,
  before: Condition | undefined,
  status: ConditionStatus,
  reason: string,
  message: string,
  nowText: string,
): Condition {
  return {
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: nowText,
    lastTransitionTime: before && before.status === status ? before.lastTransitionTime : nowText,
  }
}
