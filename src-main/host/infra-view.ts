import type {
  HostView,
  HypervisorView,
  InfrastructureView,
  NodeStateView,
  VirtualMachineView,
} from '../shared/infra-dto'
import type { Node, Pod, Taint } from '../sim/api/core'
import type { Host, Hypervisor, VirtualMachine } from '../sim/api/infra'
import type { Condition } from '../sim/api/meta'
import type { ObjectStore } from '../sim/store/store'
import { nodeStatus } from './cluster-view'

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

const readyOf = (conditions: Condition[] | undefined): Condition | undefined =>
  conditions?.find((c) => c.type === 'Ready')

/** `key=value:Effect`, or `key:Effect`, as `kubectl describe node` prints a taint. */
export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`
}

function hostView(host: Host): HostView {
  return {
    name: host.metadata.name,
    ...(host.spec.zone ? { zone: host.spec.zone } : {}),
    ...(host.spec.rack ? { rack: host.spec.rack } : {}),
    powerState: host.status?.powerState ?? 'On',
    ...(host.status?.hypervisor ? { hypervisor: host.status.hypervisor } : {}),
  }
}

function hypervisorView(hv: Hypervisor): HypervisorView {
  return {
    name: hv.metadata.name,
    host: hv.spec.host,
    type: hv.spec.type,
    phase: hv.status?.phase ?? 'Pending',
    ...(hv.status?.capacity ? { capacity: hv.status.capacity } : {}),
    ...(hv.status?.allocated ? { allocated: hv.status.allocated } : {}),
    virtualMachines: hv.status?.virtualMachines ?? 0,
  }
}

function vmView(vm: VirtualMachine): VirtualMachineView {
  const phase = vm.status?.phase ?? 'Provisioning'
  // A VM that is not running says why in its first condition that is not True.
  const why =
    phase === 'Running' ? undefined : vm.status?.conditions?.find((c) => c.status !== 'True')
  return {
    name: vm.metadata.name,
    hypervisor: vm.spec.hypervisor,
    vcpus: vm.spec.vcpus,
    memory: vm.spec.memory,
    phase,
    powerState: vm.status?.powerState ?? 'On',
    node: vm.spec.node.name,
    ...(why?.message ? { message: why.message } : {}),
  }
}

function nodeView(node: Node, vms: Map<string, string>, pods: Map<string, number>): NodeStateView {
  const name = node.metadata.name
  const ready = readyOf(node.status?.conditions)
  const vm = vms.get(name)
  return {
    name,
    status: nodeStatus(node),
    ready: ready?.status ?? 'Unknown',
    reason: ready?.reason ?? '',
    taints: (node.spec.taints ?? []).map(taintText),
    ...(vm ? { virtualMachine: vm } : {}),
    pods: pods.get(name) ?? 0,
  }
}

/** Hosts, hypervisors, VMs and nodes with their states, each list sorted by name. */
export function infrastructureView(store: ObjectStore): InfrastructureView {
  const vms = store.list<VirtualMachine>('VirtualMachine')
  const vmOfNode = new Map<string, string>()
  for (const vm of vms) if (vm.status?.nodeName) vmOfNode.set(vm.status.nodeName, vm.metadata.name)
  const podsOn = new Map<string, number>()
  for (const pod of store.list<Pod>('Pod')) {
    const node = pod.spec.nodeName
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
    if (node && !finished) podsOn.set(node, (podsOn.get(node) ?? 0) + 1)
  }
  return {
    hosts: store.list<Host>('Host').map(hostView).sort(byName),
    hypervisors: store.list<Hypervisor>('Hypervisor').map(hypervisorView).sort(byName),
    virtualMachines: vms.map(vmView).sort(byName),
    nodes: store
      .list<Node>('Node')
      .map((n) => nodeView(n, vmOfNode, podsOn))
      .sort(byName),
  }
}
