import type { VirtualMachine } from '../api/infra'
import { bytes, cpuMillis } from '../api/quantity'
import type { ObjectStore } from '../store/store'
import { vmAmount, ZERO, type Amount } from './capacity'
import type { InfraView } from './infra-index'

/** What the kubelet reports of a node's running containers (`Kubelet.nodeUsage`). */
export interface NodeUsageSource {
  nodeUsage(nodeName: string, nowMs: number): Amount
}

/** What usage and CPU steal read: the machines, who runs on whom, and what the containers use. */
export interface MachineSources {
  store: ObjectStore
  kubelet: NodeUsageSource
  infra: Pick<InfraView, 'hypervisorsOn' | 'vmsPlacedOn'>
}

/**
 * What the node's own daemons (kubelet, container runtime, the OS) use: as
 * much as its kubelet reserves for them (kube-reserved + system-reserved);
 * nothing when it reserves nothing, as kubeadm leaves it.
 */
export function systemShare(vm: VirtualMachine): Amount {
  const kubelet = vm.spec.node.kubelet
  let cpu = 0
  let memory = 0
  for (const list of [kubelet?.kubeReserved, kubelet?.systemReserved]) {
    cpu += cpuMillis(list?.cpu)
    memory += bytes(list?.memory)
  }
  return { cpuMillis: cpu, memoryBytes: memory }
}

/**
 * What a running VM wants: its node's containers and daemons, at most its
 * vCPUs and memory (a guest cannot use more than it was given).
 */
export function vmDemand(sim: MachineSources, vm: VirtualMachine, nowMs: number): Amount {
  const nodeName = vm.status?.nodeName
  const pods = nodeName ? sim.kubelet.nodeUsage(nodeName, nowMs) : ZERO
  const share = systemShare(vm)
  const size = vmAmount(vm)
  return {
    cpuMillis: Math.min(size.cpuMillis, pods.cpuMillis + share.cpuMillis),
    memoryBytes: Math.min(size.memoryBytes, pods.memoryBytes + share.memoryBytes),
  }
}
