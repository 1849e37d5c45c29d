import type { Node } from '../../api/core'
import type { CpuMemory, Host, Hypervisor, HypervisorType, VirtualMachine } from '../../api/infra'
import type { Condition, KubeObject } from '../../api/meta'
import { conditionOf } from '../../infra/conditions'
import { InfraIndex, placementOf } from '../../infra/infra-index'
import type { KubeletProcesses } from '../../infra/kubelet-processes'
import { hostStatus, hypervisorStatus } from '../../infra/machine-status'
import { nodeResources } from '../../infra/node-resources'
import { nodeForVm } from '../../infra/node-template'
import { nextVmStep, providerIdOf, type KubeletIntent, type VmEvent } from '../../infra/vm-status'
import { toRfc3339 } from '../../kernel/time'
import { randomUuid } from '../../kernel/uuid'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import type { WatchEvent } from '../../store/store'
import { NodeSlots } from './node-slots'

/** The cloud node lifecycle controller's `--node-monitor-period`. */
const CLOUD_MONITOR_PERIOD_MS = 5_000

/**
 * The hypervisors whose platform has a cloud provider that runs a cloud node
 * lifecycle controller (vSphere's cloud-provider-vsphere for ESXi). On KVM,
 * Hyper-V and Xen nothing tells Kubernetes a machine is gone, as on kubeadm or
 * kind clusters: the node of a removed VM stays, NotReady, until someone
 * deletes it.
 */
const CLOUD_PROVIDERS: Partial<Record<HypervisorType, string>> = { esxi: 'vsphere' }

const INFRA_KINDS = ['Host', 'Hypervisor', 'VirtualMachine'] as const

/**
 * The machines below the nodes: hosts, their hypervisors and the VMs on them
 * (see `infra/`). Keys are `Kind/name`. A host's status rolls up its
 * hypervisor's; a hypervisor's says whether it runs and what it has promised;
 * a VM is placed when its hypervisor runs and has room, boots for its boot
 * time, and then its kubelet starts and registers its Node. A VM that stops
 * takes its kubelet down (its node goes silent, and the node lifecycle
 * controller takes it from there); a VM that is removed does the same, and on
 * a platform with a cloud provider its node is then deleted by the cloud node
 * lifecycle controller once it is no longer Ready (`Node/name` keys).
 */
export class InfraController implements Controller {
  readonly name = 'infrastructure-controller'
  readonly queue: WorkQueue
  private readonly index: InfraIndex
  private readonly slots: NodeSlots
  /** Nodes whose VM is gone, and whether a cloud provider deletes them once they are not Ready. */
  private readonly orphans = new Map<string, { cloud: boolean }>()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly processes: KubeletProcesses,
  ) {
    this.queue = ctx.newQueue(this.name)
    this.index = new InfraIndex(ctx.store)
    this.slots = new NodeSlots(ctx.store.list<Node>('Node'))
    for (const kind of INFRA_KINDS)
      for (const obj of ctx.store.list(kind)) this.queue.add(`${kind}/${obj.metadata.name}`)
    ctx.store.watch((event) => this.changed(event), [...INFRA_KINDS, 'Node'])
  }

  private changed({ type, object, old }: WatchEvent): void {
    const before = type === 'ADDED' ? undefined : type === 'DELETED' ? object : old
    const after = type === 'DELETED' ? undefined : object
    const name = object.metadata.name
    if (object.kind === 'Node') {
      this.slots.changed(before as Node | undefined, after as Node | undefined)
      if (type === 'DELETED') this.orphans.delete(name)
      // A node name freed or taken decides who may register it.
      if (type !== 'MODIFIED') for (const vm of this.index.vmsClaiming(name)) this.add(vm)
      return
    }
    this.index.observe(before, after)
    if (object.kind === 'Host') {
      this.add(object)
      for (const hv of this.index.hypervisorsOn(name)) this.add(hv)
    } else if (object.kind === 'Hypervisor') {
      this.hypervisorChanged(before as Hypervisor | undefined, after as Hypervisor | undefined)
    } else {
      this.vmChanged(before as VirtualMachine | undefined, after as VirtualMachine | undefined)
    }
  }

  private hypervisorChanged(before: Hypervisor | undefined, after: Hypervisor | undefined): void {
    const hv = (after ?? before)!
    const name = hv.metadata.name
    this.add(hv)
    for (const host of new Set([before?.spec?.host, after?.spec?.host])) {
      if (!host) continue
      this.queue.add(`Host/${host}`)
      // Who runs on a contested host may change.
      for (const other of this.index.hypervisorsOn(host)) this.add(other)
    }
    const sameRun =
      before &&
      after &&
      before.spec === after.spec &&
      before.status?.phase === after.status?.phase &&
      sameAmount(before.status?.capacity, after.status?.capacity)
    if (!sameRun) {
      for (const vm of this.index.vmsFor(name)) this.add(vm)
      for (const vm of this.index.vmsPlacedOn(name)) this.add(vm)
    } else if (!sameAmount(before.status?.allocated, after.status?.allocated)) {
      // Room freed or taken matters only to the VMs still waiting for a place.
      for (const vm of this.index.vmsFor(name)) if (!placementOf(vm)) this.add(vm)
    }
  }

  private vmChanged(before: VirtualMachine | undefined, after: VirtualMachine | undefined): void {
    const vm = (after ?? before)!
    this.add(vm)
    for (const hv of new Set([
      before?.spec?.hypervisor,
      after?.spec?.hypervisor,
      placementOf(before),
      placementOf(after),
    ]))
      if (hv) this.queue.add(`Hypervisor/${hv}`)
    const nodeBefore = before?.spec?.node?.name
    const nodeAfter = after?.spec?.node?.name
    if (nodeBefore !== nodeAfter || !before || !after) {
      for (const nodeName of new Set([nodeBefore, nodeAfter]))
        if (nodeName) for (const other of this.index.vmsClaiming(nodeName)) this.add(other)
    }
    const registered = before?.status?.nodeName
    if (!after && registered) this.orphan(registered, this.hasCloud(before))
  }

  private add(obj: KubeObject): void {
    this.queue.add(`${obj.kind}/${obj.metadata.name}`)
  }

  /** Whether the platform a VM ran on has a cloud provider (see `CLOUD_PROVIDERS`). */
  private hasCloud(vm: VirtualMachine): boolean {
    const type = this.index.hypervisor(placementOf(vm) ?? '')?.spec?.type
    return type !== undefined && CLOUD_PROVIDERS[type] !== undefined
  }

  private orphan(nodeName: string, cloud: boolean): void {
    this.orphans.set(nodeName, { cloud })
    this.queue.add(`Node/${nodeName}`)
  }

  reconcile(key: string): ReconcileResult | void {
    const slash = key.indexOf('/')
    const kind = key.slice(0, slash)
    const name = key.slice(slash + 1)
    switch (kind) {
      case 'Host':
        return this.syncHost(name)
      case 'Hypervisor':
        return this.syncHypervisor(name)
      case 'VirtualMachine':
        return this.syncVm(name)
      case 'Node':
        return this.syncOrphan(name)
    }
  }

  private syncHost(name: string): void {
    const host = this.ctx.store.get<Host>('Host', undefined, name)
    if (!host) return
    const status = hostStatus(host, this.index, this.nowText())
    this.readyEvent(host, host.status?.conditions, status.conditions, {
      False: { type: 'Warning', reason: 'PoweredOff', message: 'Host powered off' },
      True: { type: 'Normal', reason: 'PoweredOn', message: 'Host powered on' },
    })
    this.ctx.store.updateStatus<Host>({ ...host, metadata: this.meta(host), status })
  }

  private syncHypervisor(name: string): void {
    const hv = this.ctx.store.get<Hypervisor>('Hypervisor', undefined, name)
    if (!hv) return
    const status = hypervisorStatus(hv, this.index, this.nowText())
    const ready = conditionOf(status.conditions, 'Ready')!
    this.readyEvent(hv, hv.status?.conditions, status.conditions, {
      False: { type: 'Warning', reason: ready.reason!, message: capitalised(ready.message!) },
      True: { type: 'Normal', reason: 'Running', message: capitalised(ready.message!) },
    })
    this.ctx.store.updateStatus<Hypervisor>({ ...hv, metadata: this.meta(hv), status })
  }

  /** An event when the Ready condition changes its status or, while False, its reason. */
  private readyEvent(
    obj: KubeObject,
    before: readonly Condition[] | undefined,
    after: readonly Condition[] | undefined,
    events: Record<'True' | 'False', VmEvent>,
  ): void {
    const was = conditionOf(before, 'Ready')
    const is = conditionOf(after, 'Ready')!
    if (was?.status === is.status && was.reason === is.reason) return
    // Quiet at the start of a life that begins well.
    if (!was && is.status === 'True') return
    const event = is.status === 'True' ? events.True : events.False
    this.event(obj, event)
  }

  private syncVm(name: string): ReconcileResult | void {
    const vm = this.ctx.store.get<VirtualMachine>('VirtualMachine', undefined, name)
    if (!vm) return
    const nowMs = this.ctx.clock.nowMs()
    const step = nextVmStep(vm, this.index, nowMs)
    const written = this.ctx.store.updateStatus<VirtualMachine>({
      ...vm,
      metadata: this.meta(vm),
      status: step.status,
    })
    if (step.event) this.event(vm, step.event)
    const before = vm.status?.nodeName
    if (before && written.status?.nodeName !== before) this.orphan(before, this.hasCloud(vm))
    this.kubeletFor(written, step.kubelet, nowMs)
    if (step.requeueAfterMs !== undefined) return { requeueAfterMs: step.requeueAfterMs }
  }

  /** Brings the kubelet of a VM's node to what the VM's state implies. */
  private kubeletFor(vm: VirtualMachine, intent: KubeletIntent, nowMs: number): void {
    const nodeName = vm.status?.nodeName
    if (!nodeName) return
    const node = this.ctx.store.get<Node>('Node', undefined, nodeName)
    // A node some other machine runs is not this VM's to stop or start.
    if (node && node.spec?.providerID !== providerIdOf(vm)) return
    const state = this.processes.state(nodeName)
    if (intent === 'down') {
      if (state !== 'down') this.processes.stop(nodeName, nowMs, true)
      return
    }
    // A kubelet stopped on purpose stays stopped while its machine runs on.
    if (intent === 'keep' && state !== 'down') return
    const bootId = randomUuid(this.ctx.prng)
    if (node) {
      const { capacity, allocatable } = nodeResources(vm)
      this.processes.start(nodeName, nowMs, { resources: { capacity, allocatable }, bootId })
    } else {
      this.processes.start(nodeName, nowMs, {
        register: this.registration(vm, nowMs, bootId),
        bootId,
      })
    }
  }

  private registration(vm: VirtualMachine, nowMs: number, bootId: string): Node {
    const hv = this.index.hypervisor(vm.status!.hypervisor!)
    const host = hv ? this.index.host(hv.spec.host) : undefined
    return nodeForVm(vm, host, {
      index: this.slots.take(),
      nowText: toRfc3339(nowMs),
      ready: false,
      bootId,
    })
  }

  /**
   * A node whose machine no longer exists: its kubelet is gone with the
   * machine. With a cloud provider, the cloud node lifecycle controller deletes
   * it once it is not Ready (`DeletingNode`), looking again every monitor
   * period while it still reports Ready; without one it stays.
   */
  private syncOrphan(nodeName: string): ReconcileResult | void {
    const orphan = this.orphans.get(nodeName)
    if (!orphan) return
    const node = this.ctx.store.get<Node>('Node', undefined, nodeName)
    if (
      !node ||
      this.index.vmsClaiming(nodeName).some((vm) => providerIdOf(vm) === node.spec?.providerID)
    ) {
      this.orphans.delete(nodeName)
      return
    }
    if (this.processes.state(nodeName) !== 'down')
      this.processes.stop(nodeName, this.ctx.clock.nowMs(), true)
    if (!orphan.cloud) {
      this.orphans.delete(nodeName)
      return
    }
    if (conditionOf(node.status?.conditions, 'Ready')?.status === 'True')
      return { requeueAfterMs: CLOUD_MONITOR_PERIOD_MS }
    this.ctx.recorder.record(
      node,
      'Normal',
      'DeletingNode',
      `Deleting node ${nodeName} because it does not exist in the cloud provider`,
      { component: 'cloud-node-lifecycle-controller' },
    )
    this.ctx.store.delete({ kind: 'Node', name: nodeName })
    this.orphans.delete(nodeName)
  }

  private event(obj: KubeObject, event: VmEvent): void {
    this.ctx.recorder.record(obj, event.type, event.reason, event.message, {
      component: this.name,
    })
  }

  private meta(obj: KubeObject) {
    return { ...obj.metadata, resourceVersion: undefined }
  }

  private nowText(): string {
    return toRfc3339(this.ctx.clock.nowMs())
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const sameAmount = (a?: CpuMemory, b?: CpuMemory) => a?.cpu === b?.cpu && a?.memory === b?.memory
