import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { rfc1123z } from '../format'
import { nodeRoles } from '../print/node'
import { since } from '../print/printer'
import {
  type Quantity,
  addQuantities,
  milliValue,
  parseQuantity,
  quantityString,
  unitValue,
  ZERO,
} from '../quantity'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './multiline'
import { type PrefixWriter, tabbed } from './prefix-writer'

interface NodeDetail extends KubeObject {
  spec: {
    unschedulable?: boolean
    taints?: { key: string; value?: string; effect: string }[]
    podCIDR?: string
    podCIDRs?: string[]
    providerID?: string
  }
  status?: {
    capacity?: Record<string, string | number>
    allocatable?: Record<string, string | number>
    addresses?: { type: string; address: string }[]
    conditions?: {
      type: string
      status: string
      reason?: string
      message?: string
      lastHeartbeatTime?: string
      lastTransitionTime?: string
    }[]
    nodeInfo?: Record<string, string | undefined>
  }
}

interface LeaseSpec {
  holderIdentity?: string
  acquireTime?: string
  renewTime?: string
}

type ResourceMap = Map<string, Quantity>

function addAll(into: ResourceMap, list: Record<string, string | number> | undefined): void {
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseQuantity(value)
    if (q) into.set(name, addQuantities(into.get(name), q))
  }
}

/** `PodRequestsAndLimits`: the containers' sum, or any init container's if larger. */
function podRequestsAndLimits(pod: Pod): { requests: ResourceMap; limits: ResourceMap } {
  const requests: ResourceMap = new Map()
  const limits: ResourceMap = new Map()
  for (const c of pod.spec.containers) {
    addAll(requests, c.resources?.requests)
    addAll(limits, c.resources?.limits)
  }
  const atLeast = (into: ResourceMap, list: Record<string, string | number> | undefined): void => {
    for (const [name, value] of Object.entries(list ?? {})) {
      const q = parseQuantity(value)
      const current = into.get(name)
      if (q && (!current || q.nano > current.nano)) into.set(name, q)
    }
  }
  for (const c of pod.spec.initContainers ?? []) {
    atLeast(requests, c.resources?.requests)
    atLeast(limits, c.resources?.limits)
  }
  return { requests, limits }
}

const percent = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.trunc((part / whole) * 100)

/** `describeNodeResource`: the pods on the node and what they ask of it. */
function describeNodeResource(
  pods: readonly Pod[],
  node: NodeDetail,
  w: PrefixWriter,
  ctx: DescribeContext,
): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  const capacity = node.status?.allocatable ?? node.status?.capacity ?? {}
  const allocCpu = milliValue(parseQuantity(capacity.cpu))
  const allocMemory = unitValue(parseQuantity(capacity.memory))
  const allocStorage = unitValue(parseQuantity(capacity['ephemeral-storage']))
  const totalRequests: ResourceMap = new Map()
  const totalLimits: ResourceMap = new Map()
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod)
    for (const [k, v] of requests) totalRequests.set(k, addQuantities(totalRequests.get(k), v))
    for (const [k, v] of limits) totalLimits.set(k, addQuantities(totalLimits.get(k), v))
    const cell = (q: Quantity | undefined, value: number, whole: number): string =>
      `${quantityString(q ?? ZERO)} (${percent(value, whole)}%)`
    const [cpuReq, cpuLim, memReq, memLim] = [
      requests.get('cpu'),
      limits.get('cpu'),
      requests.get('memory'),
      limits.get('memory'),
    ]
    w.write(
      1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell(cpuReq, milliValue(cpuReq), allocCpu)}\t${cell(cpuLim, milliValue(cpuLim), allocCpu)}\t${cell(memReq, unitValue(memReq), allocMemory)}\t${cell(memLim, unitValue(memLim), allocMemory)}\t${since(pod.metadata.creationTimestamp, ctx)}\n`,
    )
  }
  w.write(
    0,
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
  )
  w.write(1, 'Resource\tRequests\tLimits\n')
  w.write(1, '--------\t--------\t------\n')
  const row = (name: string, value: (q: Quantity | undefined) => number, whole: number): void => {
    const req = totalRequests.get(name)
    const lim = totalLimits.get(name)
    w.write(
      1,
      `${name}\t${quantityString(req ?? ZERO)} (${percent(value(req), whole)}%)\t${quantityString(lim ?? ZERO)} (${percent(value(lim), whole)}%)\n`,
    )
  }
  row('cpu', milliValue, allocCpu)
  row('memory', unitValue, allocMemory)
  row('ephemeral-storage', unitValue, allocStorage)
}

/** The node's lease; the simulated kubelet keeps none, and renews its node status in its stead. */
function describeLease(node: NodeDetail, ctx: DescribeContext, w: PrefixWriter): void {
  const lease = ctx.store.get<KubeObject & { spec?: LeaseSpec }>(
    'Lease',
    'kube-node-lease',
    node.metadata.name,
  )
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
  const spec: LeaseSpec = lease
    ? (lease.spec ?? {})
    : { holderIdentity: node.metadata.name, renewTime: ready?.lastHeartbeatTime }
  w.write(0, 'Lease:\n')
  w.write(1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`)
  w.write(1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`)
  w.write(1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`)
}

const SYSTEM_INFO: [string, string][] = [
  ['Machine ID', 'machineID'],
  ['System UUID', 'systemUUID'],
  ['Boot ID', 'bootID'],
  ['Kernel Version', 'kernelVersion'],
  ['OS Image', 'osImage'],
  ['Operating System', 'operatingSystem'],
  ['Architecture', 'architecture'],
  ['Container Runtime Version', 'containerRuntimeVersion'],
  ['Kubelet Version', 'kubeletVersion'],
  ['Kube-Proxy Version', 'kubeProxyVersion'],
]

function printResourceList(w: PrefixWriter, list: Record<string, string | number>): void {
  for (const name of Object.keys(list).sort()) {
    const q = parseQuantity(list[name])
    w.write(0, `  ${name}:\t${q ? quantityString(q) : String(list[name])}\n`)
  }
}

/** `describeNode`. */
export function describeNode(obj: KubeObject, ctx: DescribeContext): string {
  const node = obj as NodeDetail
  const status = node.status ?? {}
  // kubectl asks for `spec.nodeName=<node>` and non-terminated phases: the index by node answers.
  const pods = ctx.store
    .podsOnNode(node.metadata.name)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort((a, b) => {
      const ka = `${a.metadata.namespace}/${a.metadata.name}`
      const kb = `${b.metadata.namespace}/${b.metadata.name}`
      return ka < kb ? -1 : ka > kb ? 1 : 0
    })
  const events = [
    ...searchEvents(ctx, node),
    ...searchEvents(ctx, node, { uid: node.metadata.name }),
  ]
  return tabbed((w) => {
    w.write(0, `Name:\t${node.metadata.name}\n`)
    w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`)
    printLabelsMultiline(w, 'Labels', node.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations)
    w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`)
    printTaintsMultiline(w, 'Taints', node.spec.taints)
    w.write(0, `Unschedulable:\t${node.spec.unschedulable === true}\n`)
    describeLease(node, ctx, w)
    if ((status.conditions ?? []).length > 0) {
      w.write(
        0,
        'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n',
      )
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n')
      for (const c of status.conditions!)
        w.write(
          1,
          `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        )
    }
    w.write(0, 'Addresses:\n')
    for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`)
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(0, 'Capacity:\n')
      printResourceList(w, status.capacity!)
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(0, 'Allocatable:\n')
      printResourceList(w, status.allocatable!)
    }
    w.write(0, 'System Info:\n')
    for (const [title, key] of SYSTEM_INFO)
      w.write(0, `  ${title}:\t${status.nodeInfo?.[key] ?? ''}\n`)
    if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`)
    if ((node.spec.podCIDRs ?? []).length > 0)
      w.write(0, `PodCIDRs:\t${node.spec.podCIDRs!.join(',')}\n`)
    if (node.spec.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`)
    describeNodeResource(pods, node, w, ctx)
    describeEvents(events, w, ctx)
  })
}
