import type {
  HostView,
  HypervisorView,
  InfrastructureView,
  NodeStateView,
  UsageView,
  VirtualMachineView,
} from '../shared/infra-dto'
import type { Node, Pod, Taint } from '../sim/api/core'
import type { Host, Hypervisor, VirtualMachine } from '../sim/api/infra'
import type { Condition } from '../sim/api/meta'
import { bytes, cpuMillis } from '../sim/api/quantity'
import { vmAmount, type Amount } from '../sim/infra/capacity'
import type { MachineSources } from '../sim/infra/demand'
import { usageRollUp, type UsageRollUp } from '../sim/infra/usage'
import { nodeStatus } from './cluster-view'

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

const readyOf = (conditions: Condition[] | undefined): Condition | undefined =>
  conditions?.find((c) => c.type === 'Ready')

/** `key=value:Effect`, or `key:Effect`, as `kubectl describe node` prints a taint. */
export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`
}

const NONE: Amount = { cpuMillis: 0, memoryBytes: 0 }
const MiB = 1024 * 1024

/** As `kubectl top node` prints usage: `250m`, `1024Mi`, and whole percentages rounded down. */
function usageView(used: Amount | undefined, of: Amount): UsageView {
  const u = used ?? NONE
  const percent = (part: number, whole: number) =>
    whole > 0 ? Math.trunc((part / whole) * 100) : 0
  return {
    cpu: `${u.cpuMillis}m`,
    memory: `${Math.floor(u.memoryBytes / MiB)}Mi`,
    cpuPercent: percent(u.cpuMillis, of.cpuMillis),
    memoryPercent: percent(u.memoryBytes, of.memoryBytes),
  }
}

const stealPercent = (steal: number | undefined) => Math.round((steal ?? 0) * 100)

const hostSize = (host: Host | undefined): Amount =>
  host ? { cpuMillis: host.spec.cores * 1000, memoryBytes: bytes(host.spec.memory) } : NONE

function hostView(host: Host, usage: UsageRollUp): HostView {
  const used = usage.hosts.get(host.metadata.name)
  return {
    name: host.metadata.name,
    ...(host.spec.zone ? { zone: host.spec.zone } : {}),
    ...(host.spec.rack ? { rack: host.spec.rack } : {}),
    powerState: host.status?.powerState ?? 'On',
    ...(host.status?.hypervisor ? { hypervisor: host.status.hypervisor } : {}),
    usage: usageView(used, hostSize(host)),
    cpuStealPercent: stealPercent(used?.cpuSteal),
  }
}

function hypervisorView(
  hv: Hypervisor,
  usage: UsageRollUp,
  host: Host | undefined,
): HypervisorView {
  return {
    name: hv.metadata.name,
    host: hv.spec.host,
    type: hv.spec.type,
    phase: hv.status?.phase ?? 'Pending',
    ...(hv.status?.capacity ? { capacity: hv.status.capacity } : {}),
    ...(hv.status?.allocated ? { allocated: hv.status.allocated } : {}),
    virtualMachines: hv.status?.virtualMachines ?? 0,
    usage: usageView(usage.hypervisors.get(hv.metadata.name), hostSize(host)),
  }
}

function vmView(vm: VirtualMachine, usage: UsageRollUp): VirtualMachineView {
  const phase = vm.status?.phase ?? 'Provisioning'
  const used = usage.virtualMachines.get(vm.metadata.name)
  // A VM that is not running says why in its first condition that is not True.
  const why =
    phase === 'Running' ? undefined : vm.status?.conditions?.find((c) => c.status !== 'True')
  return {
    name: vm.metadata.name,
    // Where it runs now: a live migration moves it off the hypervisor its spec names.
    hypervisor: vm.status?.hypervisor ?? vm.spec.hypervisor,
    vcpus: vm.spec.vcpus,
    memory: vm.spec.memory,
    phase,
    powerState: vm.status?.powerState ?? 'On',
    node: vm.spec.node.name,
    ...(why?.message ? { message: why.message } : {}),
    usage: usageView(used, vmAmount(vm)),
    cpuStealPercent: stealPercent(used?.cpuSteal),
  }
}

/** What the world knows of a node's kubelet and network, beyond its API object. */
interface NodeWorld {
  kubelets: { state(nodeName: string): NodeStateView['kubelet'] }
  network: { isolated(nodeName: string): boolean }
}

function nodeView(
  node: Node,
  vms: Map<string, string>,
  pods: Map<string, number>,
  usage: UsageRollUp,
  world: NodeWorld,
): NodeStateView {
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
    kubelet: world.kubelets.state(name),
    partitioned: world.network.isolated(name),
    usage: usageView(usage.nodes.get(name), {
      cpuMillis: cpuMillis(node.status?.allocatable?.cpu),
      memoryBytes: bytes(node.status?.allocatable?.memory),
    }),
  }
}

/** Hosts, hypervisors, VMs and nodes with their states and usage now, each list sorted by name. */
export function infrastructureView(
  sim: MachineSources & NodeWorld & { nowMs(): number },
): InfrastructureView {
  const store = sim.store
  const usage = usageRollUp(sim, sim.nowMs())
  const hosts = store.list<Host>('Host')
  const hostsByName = new Map(hosts.map((h) => [h.metadata.name, h]))
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
    hosts: hosts.map((h) => hostView(h, usage)).sort(byName),
    hypervisors: store
      .list<Hypervisor>('Hypervisor')
      .map((hv) => hypervisorView(hv, usage, hostsByName.get(hv.spec.host)))
      .sort(byName),
    virtualMachines: vms.map((vm) => vmView(vm, usage)).sort(byName),
    nodes: store
      .list<Node>('Node')
      .map((n) => nodeView(n, vmOfNode, podsOn, usage, sim))
      .sort(byName),
  }
}
