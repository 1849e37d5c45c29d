import {
  INFRA_API_VERSION,
  LABEL_ZONE,
  type Host,
  type Hypervisor,
  type VirtualMachine,
} from '../api/infra'
import { defaultTopology } from '../topology'

/**
 * The machines under the default cluster: two hosts, one per zone, one KVM
 * hypervisor on each, and a VM for each default node (the control plane and
 * one worker on the first host, two workers on the second). The VMs' nodes are
 * exactly the default topology's: same names, labels, sizes, and a kind
 * kubelet's eviction thresholds, which reserve no memory, so allocatable
 * equals capacity.
 */

/** kind's `evictionHard`: disk thresholds at 0%, and no `memory.available`. */
export const KIND_EVICTION_HARD = {
  'nodefs.available': '0%',
  'nodefs.inodesFree': '0%',
  'imagefs.available': '0%',
}

const HOST_CORES = 16
const HOST_MEMORY = '64Gi'

function zoneOf(labels: Record<string, string> | undefined): string {
  return labels?.[LABEL_ZONE] ?? 'zone-a'
}

/** `zone-a` → `host-a` / `hv-a`. */
const suffix = (zone: string) => zone.replace(/^zone-/, '')

export function defaultInfrastructure(): (Host | Hypervisor | VirtualMachine)[] {
  const zones = [...new Set(defaultTopology.nodes.map((n) => zoneOf(n.labels)))]
  const hosts: Host[] = zones.map((zone) => ({
    apiVersion: INFRA_API_VERSION,
    kind: 'Host',
    metadata: { name: `host-${suffix(zone)}` },
    spec: { cores: HOST_CORES, memory: HOST_MEMORY, zone },
  }))
  const hypervisors: Hypervisor[] = zones.map((zone) => ({
    apiVersion: INFRA_API_VERSION,
    kind: 'Hypervisor',
    metadata: { name: `hv-${suffix(zone)}` },
    spec: {
      host: `host-${suffix(zone)}`,
      type: 'kvm',
      overcommit: { cpu: 1, memory: 1 },
      reserved: { cpu: '2', memory: '4Gi' },
    },
  }))
  const vms: VirtualMachine[] = defaultTopology.nodes.map((n) => ({
    apiVersion: INFRA_API_VERSION,
    kind: 'VirtualMachine',
    metadata: { name: n.name },
    spec: {
      hypervisor: `hv-${suffix(zoneOf(n.labels))}`,
      vcpus: Number(n.cpu),
      memory: n.memory,
      disk: '100Gi',
      bootTime: '30s',
      node: {
        name: n.name,
        role: n.role,
        labels: { ...n.labels },
        maxPods: n.maxPods ?? 110,
        kubelet: { evictionHard: { ...KIND_EVICTION_HARD } },
      },
    },
  }))
  return [...hosts, ...hypervisors, ...vms]
}
