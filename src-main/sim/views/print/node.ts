import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

export interface NodeShape extends KubeObject {
  spec: { unschedulable?: boolean }
  status?: {
    conditions?: { type: string; status: string }[]
    addresses?: { type: string; address: string }[]
    nodeInfo?: {
      kubeletVersion?: string
      osImage?: string
      kernelVersion?: string
      containerRuntimeVersion?: string
    }
  }
}

const ROLE_PREFIX = 'node-role.kubernetes.io/'

/** `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length)
      if (role) roles.add(role)
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v)
  }
  return [...roles].sort()
}

/** STATUS: `Ready`, `NotReady` or `Unknown`, then `SchedulingDisabled` when cordoned. */
export function nodeStatus(node: NodeShape): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (node.spec.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

function address(node: NodeShape, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>'
}

/** `printNode`. */
export const nodePrinter = printer<NodeShape>(
  [
    NAME,
    { name: 'Status' },
    { name: 'Roles' },
    AGE,
    { name: 'Version' },
    { name: 'Internal-IP', priority: 1 },
    { name: 'External-IP', priority: 1 },
    { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 },
    { name: 'Container-Runtime', priority: 1 },
  ],
  (node, ctx) => {
    const info = node.status?.nodeInfo
    return [
      node.metadata.name,
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      age(node, ctx),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ]
  },
)
