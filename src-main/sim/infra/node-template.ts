import type { Node, Taint } from '../api/core'
import { LABEL_RACK, LABEL_ZONE, type Host, type VirtualMachine } from '../api/infra'
import type { Condition } from '../api/meta'
import { nodeObject } from '../topology'
import { nodeResources } from './node-resources'

/** What the kubelet reports until the network plugin is up, in a kind cluster's words. */
export const NETWORK_NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'

/**
 * The pod range and address of the node at `index`, as kind hands them out
 * (`10.244.<index>.0/24`, `172.18.0.<index + 2>`), carried into the next octet
 * past the first few hundred so large clusters still get valid ones.
 */
export function nodeNetwork(index: number): { podCIDR: string; internalIP: string } {
  const host = index + 2
  return {
    podCIDR: `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`,
    internalIP: `172.18.${Math.floor(host / 256)}.${host % 256}`,
  }
}

/** The index a node's podCIDR stands for, if it is one `nodeNetwork` hands out. */
export function indexOfPodCidr(cidr: string | undefined): number | undefined {
  const m = /^10\.(\d+)\.(\d+)\.0\/24$/.exec(cidr ?? '')
  if (!m || Number(m[1]) < 244) return undefined
  return (Number(m[1]) - 244) * 256 + Number(m[2])
}

/** The VM's own labels over those it takes from its host (zone, rack). */
function nodeLabels(vm: VirtualMachine, host: Host | undefined): Record<string, string> {
  return {
    ...(host?.spec.zone ? { [LABEL_ZONE]: host.spec.zone } : {}),
    ...(host?.spec.rack ? { [LABEL_RACK]: host.spec.rack } : {}),
    ...vm.spec.node.labels,
  }
}

function withTaints(base: readonly Taint[] | undefined, extra: readonly Taint[] | undefined) {
  const all = [...(base ?? [])]
  for (const t of extra ?? [])
    if (!all.some((b) => b.key === t.key && b.effect === t.effect)) all.push({ ...t })
  return all.length > 0 ? all : undefined
}

export interface NodeTemplateOptions {
  /** Its place in the cluster: the podCIDR `10.244.<index>.0/24` and address it gets. */
  index: number
  nowText: string
  /** A node present since the cluster booted reports Ready at once; a joining one is NotReady first. */
  ready: boolean
  bootId?: string
}

/**
 * The Node a VM's kubelet registers: its capacity from the VM, allocatable less
 * the kubelet's reservations, labels from the VM and its host, the role's taint
 * plus the VM's own. A node booted with the cluster is exactly what
 * `topology.ts` builds for the same name, size and labels.
 */
export function nodeForVm(
  vm: VirtualMachine,
  host: Host | undefined,
  options: NodeTemplateOptions,
): Node {
  const node = vm.spec.node
  const base = nodeObject(
    {
      name: node.name,
      role: node.role ?? 'worker',
      cpu: String(vm.spec.vcpus),
      memory: vm.spec.memory,
      maxPods: node.maxPods,
      labels: nodeLabels(vm, host),
    },
    options.index,
    options.nowText,
  )
  const resources = nodeResources(vm)
  const status = base.status!
  const network = nodeNetwork(options.index)
  const allocatableSame =
    JSON.stringify(resources.allocatable) === JSON.stringify(resources.capacity)
  return {
    ...base,
    spec: {
      ...base.spec,
      podCIDR: network.podCIDR,
      providerID: `drydock://${vm.metadata.name}`,
      taints: withTaints(base.spec.taints, node.taints),
    },
    status: {
      ...status,
      capacity: resources.capacity,
      allocatable: allocatableSame ? resources.capacity : resources.allocatable,
      addresses: [
        { type: 'InternalIP', address: network.internalIP },
        { type: 'Hostname', address: node.name },
      ],
      conditions: options.ready
        ? status.conditions
        : registeringConditions(status.conditions ?? [], options.nowText),
      nodeInfo: {
        ...status.nodeInfo!,
        ...(options.bootId ? { bootID: options.bootId } : {}),
      },
    },
  }
}

/** Ready False until the network plugin is up (`ReadyCondition` setter); the pressures False. */
function registeringConditions(conditions: readonly Condition[], nowText: string): Condition[] {
  return conditions.map((c) =>
    c.type === 'Ready'
      ? {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: NETWORK_NOT_READY,
          lastHeartbeatTime: nowText,
          lastTransitionTime: nowText,
        }
      : c,
  )
}
