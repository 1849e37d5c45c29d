import type { Node } from '../api/core'
import type { Host } from '../api/infra'
import { addAmounts, type Amount } from './capacity'
import type { MachineSources } from './demand'
import { hostCpu } from './steal'

/** A machine's usage, and for VMs and hosts the fraction of CPU wanted that the host could not give. */
export type MachineUsage = Amount & { cpuSteal: number }

/**
 * CPU (millicores) and memory (bytes) in use at one instant, rolled up from the
 * containers: a node uses what its pods' running containers and its own
 * daemons use; its VM, the same; a hypervisor, its running VMs' and what it
 * keeps for itself; a host, its hypervisors'. A VM gets only 1 − steal of the
 * CPU it wants when its host is saturated, so no host uses more than its
 * cores. Every host and node is here; a hypervisor or VM that is not running
 * uses nothing and is absent.
 */
export interface UsageRollUp {
  nodes: Map<string, Amount>
  virtualMachines: Map<string, MachineUsage>
  hypervisors: Map<string, Amount>
  hosts: Map<string, MachineUsage>
}

/**
 * One pass over the machines: each node's containers are summed once (the
 * kubelet keeps them by node), so it costs the pods of the cluster once per
 * call. For views, not for every request.
 */
export function usageRollUp(sim: MachineSources, nowMs: number): UsageRollUp {
  const out: UsageRollUp = {
    nodes: new Map(),
    virtualMachines: new Map(),
    hypervisors: new Map(),
    hosts: new Map(),
  }
  for (const host of sim.store.list<Host>('Host')) {
    const cpu = hostCpu(sim, host, nowMs)
    let hostTotal: Amount = { cpuMillis: 0, memoryBytes: 0 }
    for (const { hypervisor, reserved, vms, demands } of cpu.hypervisors) {
      let total = reserved
      vms.forEach((vm, i) => {
        const used = {
          cpuMillis: Math.round(demands[i]!.cpuMillis * (1 - cpu.steal)),
          memoryBytes: demands[i]!.memoryBytes,
        }
        out.virtualMachines.set(vm.metadata.name, { ...used, cpuSteal: cpu.steal })
        if (vm.status?.nodeName) out.nodes.set(vm.status.nodeName, used)
        total = addAmounts(total, used)
      })
      out.hypervisors.set(hypervisor.metadata.name, total)
      hostTotal = addAmounts(hostTotal, total)
    }
    out.hosts.set(host.metadata.name, { ...hostTotal, cpuSteal: cpu.steal })
  }
  // Nodes with no running machine under them: what their containers use, as the kubelet says.
  for (const node of sim.store.list<Node>('Node')) {
    const name = node.metadata.name
    if (!out.nodes.has(name)) out.nodes.set(name, sim.kubelet.nodeUsage(name, nowMs))
  }
  return out
}
