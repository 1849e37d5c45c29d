import type { Node } from '../api/core'
import type { Host, Hypervisor, VirtualMachine } from '../api/infra'
import type { ObjectStore } from '../store/store'
import { hypervisorCapacity, type Amount } from './capacity'
import { vmDemand, type MachineSources } from './demand'

/**
 * At most this much is stolen: a start-up or a request is then ten times
 * slower, as far as CPU throttling slows one (`kubelet/process.ts`).
 */
export const MAX_CPU_STEAL = 0.9

/**
 * The share of the CPU its VMs want that a host cannot give: 1 − available ÷
 * demanded when they want more than its cores (less what its hypervisor keeps),
 * 0 when they fit. Every VM on the host waits its turn alike.
 */
export function stealFraction(availableMillis: number, demandMillis: number): number {
  if (demandMillis <= 0 || demandMillis <= availableMillis) return 0
  return Math.min(MAX_CPU_STEAL, 1 - Math.max(0, availableMillis) / demandMillis)
}

/** A running hypervisor of a host, what it keeps, and its running VMs. */
export interface HypervisorLoad {
  hypervisor: Hypervisor
  reserved: Amount
  vms: VirtualMachine[]
}

/** The running hypervisors of a host and the millicores its cores leave their VMs. */
export function hostLoad(
  sim: MachineSources,
  host: Host,
): { availableMillis: number; hypervisors: HypervisorLoad[] } {
  let availableMillis = host.spec.cores * 1000
  const hypervisors: HypervisorLoad[] = []
  for (const hv of sim.infra.hypervisorsOn(host.metadata.name)) {
    if (hv.status?.phase !== 'Running') continue
    const reserved = hypervisorCapacity(host, hv).reserved
    availableMillis -= reserved.cpuMillis
    const vms = sim.infra
      .vmsPlacedOn(hv.metadata.name)
      .filter((vm) => vm.status?.phase === 'Running')
    hypervisors.push({ hypervisor: hv, reserved, vms })
  }
  return { availableMillis, hypervisors }
}

/** What each running VM of a host wants, and the steal they all suffer. */
export function hostCpu(
  sim: MachineSources,
  host: Host,
  nowMs: number,
  load = hostLoad(sim, host),
): {
  availableMillis: number
  demandMillis: number
  steal: number
  hypervisors: (HypervisorLoad & { demands: Amount[] })[]
} {
  let demandMillis = 0
  const hypervisors = load.hypervisors.map((h) => {
    const demands = h.vms.map((vm) => vmDemand(sim, vm, nowMs))
    for (const d of demands) demandMillis += d.cpuMillis
    return { ...h, demands }
  })
  return {
    availableMillis: load.availableMillis,
    demandMillis,
    steal: stealFraction(load.availableMillis, demandMillis),
    hypervisors,
  }
}

/** The host under a node: its VM (`drydock://<vm>`), where that VM runs, and the host of that hypervisor. */
function hostOfNode(store: ObjectStore, nodeName: string): Host | undefined {
  const providerID = store.get<Node>('Node', undefined, nodeName)?.spec.providerID
  if (!providerID?.startsWith('drydock://')) return undefined
  const vm = store.get<VirtualMachine>(
    'VirtualMachine',
    undefined,
    providerID.slice('drydock://'.length),
  )
  if (vm?.status?.phase !== 'Running' || !vm.status.hypervisor) return undefined
  const hv = store.get<Hypervisor>('Hypervisor', undefined, vm.status.hypervisor)
  return hv ? store.get<Host>('Host', undefined, hv.spec.host) : undefined
}

/**
 * The fraction of the CPU a node's processes want that the host under it
 * cannot give them now, in [0, 1): a request or a start-up there takes
 * 1 / (1 − steal) as long. 0 for a node with no machine under it.
 */
export function cpuStealFraction(sim: MachineSources, nodeName: string, nowMs: number): number {
  const host = hostOfNode(sim.store, nodeName)
  if (!host) return 0
  const load = hostLoad(sim, host)
  // VMs whose vCPUs all fit on the cores cannot want more than the cores: no need to ask their nodes.
  let vcpuMillis = 0
  for (const h of load.hypervisors) for (const vm of h.vms) vcpuMillis += vm.spec.vcpus * 1000
  if (vcpuMillis <= load.availableMillis) return 0
  return hostCpu(sim, host, nowMs, load).steal
}
