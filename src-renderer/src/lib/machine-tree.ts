import type { NodeView } from '../../../src-main/shared/dto'
import type {
  HostView,
  HypervisorView,
  InfrastructureView,
  NodeStateView,
  VirtualMachineView,
} from '../../../src-main/shared/infra-dto'

/** A node as drawn: its pods, and its state when the host reported one. */
export interface NodeLeaf {
  node: NodeView
  state?: NodeStateView
}

export interface VmBranch {
  vm: VirtualMachineView
  /** Absent until its kubelet registers the Node, and after the Node is gone. */
  node?: NodeLeaf
}

export interface HypervisorBranch {
  hypervisor: HypervisorView
  vms: VmBranch[]
}

export interface HostBranch {
  host: HostView
  hypervisors: HypervisorBranch[]
}

/** The stack as it stands: hosts down to nodes, and what hangs from nothing drawn above it. */
export interface MachineTree {
  hosts: HostBranch[]
  /** Hypervisors whose host is not there. */
  hypervisors: HypervisorBranch[]
  /** VMs whose hypervisor is not there. */
  vms: VmBranch[]
  /** Nodes with no machine under them. */
  nodes: NodeLeaf[]
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item])
  return out
}

/** Hangs each VM under the hypervisor it runs on now, each node under its VM; keeps the given orders. */
export function machineTree(infra: InfrastructureView, nodes: readonly NodeView[]): MachineTree {
  const states = new Map(infra.nodes.map((s) => [s.name, s]))
  const leaf = (node: NodeView): NodeLeaf => {
    const state = states.get(node.name)
    return state ? { node, state } : { node }
  }
  const nodesByName = new Map(nodes.map((n) => [n.name, n]))
  const placed = new Set<string>()
  const vmBranch = (vm: VirtualMachineView): VmBranch => {
    const node = nodesByName.get(vm.node)
    if (!node) return { vm }
    placed.add(node.name)
    return { vm, node: leaf(node) }
  }
  const hypervisorNames = new Set(infra.hypervisors.map((h) => h.name))
  const vmsOn = group(infra.virtualMachines, (vm) => vm.hypervisor)
  const hvBranch = (hypervisor: HypervisorView): HypervisorBranch => ({
    hypervisor,
    vms: (vmsOn.get(hypervisor.name) ?? []).map(vmBranch),
  })
  const hostNames = new Set(infra.hosts.map((h) => h.name))
  const hypervisorsOn = group(infra.hypervisors, (hv) => hv.host)
  const hosts = infra.hosts.map((host) => ({
    host,
    hypervisors: (hypervisorsOn.get(host.name) ?? []).map(hvBranch),
  }))
  const hypervisors = infra.hypervisors.filter((hv) => !hostNames.has(hv.host)).map(hvBranch)
  const vms = infra.virtualMachines
    .filter((vm) => !hypervisorNames.has(vm.hypervisor))
    .map(vmBranch)
  return { hosts, hypervisors, vms, nodes: nodes.filter((n) => !placed.has(n.name)).map(leaf) }
}
