import type { Node } from './api/core'

/**
 * The nodes a simulation boots with. Named and labelled like a kind cluster
 * (`kind-control-plane`, `kind-worker`, `kind-worker2`…) so what a learner sees
 * here matches the local cluster they will move to.
 */
export interface NodeSpecInput {
  name: string
  role: 'control-plane' | 'worker'
  cpu: string
  memory: string
  maxPods?: number
  labels?: Record<string, string>
}

export interface Topology {
  nodes: NodeSpecInput[]
}

export const KUBELET_VERSION = 'v1.35.0'

/** Two zones, as a cloud cluster has, so zone spreading and affinity have something to act on. */
const zone = (name: string) => ({ 'topology.kubernetes.io/zone': name })

export const defaultTopology: Topology = {
  nodes: [
    {
      name: 'drydock-control-plane',
      role: 'control-plane',
      cpu: '2',
      memory: '4Gi',
      labels: zone('zone-a'),
    },
    { name: 'drydock-worker', role: 'worker', cpu: '4', memory: '8Gi', labels: zone('zone-a') },
    { name: 'drydock-worker2', role: 'worker', cpu: '4', memory: '8Gi', labels: zone('zone-b') },
    { name: 'drydock-worker3', role: 'worker', cpu: '4', memory: '8Gi', labels: zone('zone-b') },
  ],
}

/** The Node object a kubelet registers, Ready from the start. */
export function nodeObject(input: NodeSpecInput, index: number, nowText: string): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': input.name,
    'kubernetes.io/os': 'linux',
    ...(input.role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
    ...input.labels,
  }
  const capacity = {
    cpu: input.cpu,
    memory: input.memory,
    pods: String(input.maxPods ?? 110),
    'ephemeral-storage': '100Gi',
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: input.name, labels },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      providerID: `drydock://${input.name}`,
      taints:
        input.role === 'control-plane'
          ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
          : undefined,
    },
    status: {
      capacity,
      allocatable: capacity,
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${index + 2}` },
        { type: 'Hostname', address: input.name },
      ],
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: nowText,
          lastTransitionTime: nowText,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: nowText,
          lastTransitionTime: nowText,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: nowText,
          lastTransitionTime: nowText,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: nowText,
          lastTransitionTime: nowText,
        },
      ],
      nodeInfo: {
        kubeletVersion: KUBELET_VERSION,
        containerRuntimeVersion: 'containerd://2.1.4',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        architecture: 'amd64',
      },
    },
  }
}
