import type { Node, Pod } from '../api/core'
import { isPodTerminal } from '../api/pod-util'
import { bytes, cpuMillis } from '../api/quantity'
import type { ObjectStore } from '../store/store'

/** What the scheduler knows of one node: allocatable and what bound pods already request. */
export interface NodeInfo {
  node: Node
  allocatableCpuMillis: number
  allocatableMemoryBytes: number
  allocatablePods: number
  requestedCpuMillis: number
  requestedMemoryBytes: number
  /** Non-zero requests (100m / 200Mi for containers without any), used for scoring only. */
  nonZeroCpuMillis: number
  nonZeroMemoryBytes: number
  podCount: number
  /** Pods per controller uid, for spreading replicas of one owner. */
  podsByOwner: Map<string, number>
}

import { podInfo } from './pod-info'

function counts(pod: Pod): boolean {
  return Boolean(pod.spec.nodeName) && !isPodTerminal(pod)
}

/**
 * The scheduler's cache, kept current from the store's watch so that a
 * scheduling decision costs O(nodes), not O(pods).
 */
export class NodeInfoCache {
  private readonly infos = new Map<string, NodeInfo>()
  private list: NodeInfo[] | undefined

  constructor(store: ObjectStore) {
    for (const node of store.list<Node>('Node')) this.setNode(node)
    for (const pod of store.list<Pod>('Pod')) this.account(pod, +1)
    store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Node') {
          if (type === 'DELETED') this.infos.delete(object.metadata.name)
          else this.setNode(object as Node)
          return
        }
        const pod = object as Pod
        // Only binding, deletion and finishing change what a pod takes from its node.
        if (old && old.spec === pod.spec && isPodTerminal(old as Pod) === isPodTerminal(pod)) return
        if (old) this.account(old as Pod, -1)
        if (type !== 'DELETED') this.account(pod, +1)
        else if (!old) this.account(pod, -1)
      },
      ['Pod', 'Node'],
    )
  }

  get(name: string): NodeInfo | undefined {
    return this.infos.get(name)
  }

  /** Every node, in a stable order; the same array until a node joins or leaves. */
  all(): readonly NodeInfo[] {
    this.list ??= [...this.infos.values()]
    return this.list
  }

  private setNode(node: Node): void {
    const existing = this.infos.get(node.metadata.name)
    const allocatable = node.status?.allocatable ?? {}
    const info: NodeInfo = existing ?? {
      node,
      allocatableCpuMillis: 0,
      allocatableMemoryBytes: 0,
      allocatablePods: 0,
      requestedCpuMillis: 0,
      requestedMemoryBytes: 0,
      nonZeroCpuMillis: 0,
      nonZeroMemoryBytes: 0,
      podCount: 0,
      podsByOwner: new Map(),
    }
    info.node = node
    info.allocatableCpuMillis = cpuMillis(allocatable.cpu)
    info.allocatableMemoryBytes = bytes(allocatable.memory)
    info.allocatablePods = Number(allocatable.pods ?? 110)
    if (!existing) {
      this.infos.set(node.metadata.name, info)
      this.list = undefined
    }
  }

  private account(pod: Pod, sign: 1 | -1): void {
    if (!counts(pod)) return
    const info = this.infos.get(pod.spec.nodeName!)
    if (!info) return
    const req = podInfo(pod)
    info.requestedCpuMillis += sign * req.cpuMillis
    info.requestedMemoryBytes += sign * req.memoryBytes
    info.nonZeroCpuMillis += sign * req.nonZeroCpuMillis
    info.nonZeroMemoryBytes += sign * req.nonZeroMemoryBytes
    info.podCount += sign
    const owner = req.ownerUid
    if (owner) {
      const n = (info.podsByOwner.get(owner) ?? 0) + sign
      if (n <= 0) info.podsByOwner.delete(owner)
      else info.podsByOwner.set(owner, n)
    }
  }
}
