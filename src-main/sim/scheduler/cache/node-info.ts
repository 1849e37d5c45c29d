import type { Node, Taint } from '../../api/core'
import { bytes, cpuMillis } from '../../api/quantity'
import type { HostPort } from '../pod-info'
import {
  C,
  FILTER_TAINTS,
  H,
  PORTS_IN_USE,
  STRIDE,
  UNSCHEDULABLE,
  type NodeTable,
} from './node-table'

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({})
const NO_TAINTS: readonly Taint[] = Object.freeze([])

/**
 * What the scheduler knows of one node (`framework.NodeInfo`): its allocatable
 * resources and what the pods bound to it already take, kept current from the
 * store's watch, so a scheduling decision never looks at the pods themselves.
 */
export class NodeInfo {
  node: Node
  readonly name: string
  /** This node's offset in the cache's `NodeTable`, and its row number there. */
  readonly base: number
  readonly row: number
  /** Deleted while pods were still bound to it (upstream's "ghost" node): kept for their accounting only. */
  gone = false
  labels: Readonly<Record<string, string>> = EMPTY_LABELS
  /** `NoSchedule` and `NoExecute` taints: the ones the filter checks. */
  filterTaints: readonly Taint[] = NO_TAINTS
  preferNoScheduleTaints: readonly Taint[] = NO_TAINTS
  /** `UsedPorts`: `protocol/port` → bound address → how many pods hold it. */
  usedPorts: Map<string, Map<string, number>> | undefined

  constructor(
    node: Node,
    readonly table: NodeTable,
  ) {
    this.node = node
    this.name = node.metadata.name
    this.base = table.allocate()
    this.row = this.base / STRIDE
    this.setNode(node)
  }

  setNode(node: Node): void {
    this.node = node
    this.labels = node.metadata.labels ?? EMPTY_LABELS
    const taints = node.spec.taints ?? NO_TAINTS
    this.filterTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule')
    this.setFlag(UNSCHEDULABLE, node.spec.unschedulable === true)
    this.setFlag(FILTER_TAINTS, this.filterTaints.length > 0)
    const allocatable = node.status?.allocatable ?? {}
    const cold = this.table.cold
    cold[this.base + C.allocatableCpu] = cpuMillis(allocatable.cpu)
    cold[this.base + C.allocatableMemory] = bytes(allocatable.memory)
    cold[this.base + C.allocatablePods] = Number(allocatable.pods ?? 110)
    this.changed()
  }

  /** Works out the free room the filter reads, and forgets the scores remembered for the node. */
  private changed(): void {
    const hot = this.table.hot
    const cold = this.table.cold
    const o = this.base
    hot[o + H.freePods] = cold[o + C.allocatablePods]! - cold[o + C.podCount]!
    hot[o + H.freeCpu] = cold[o + C.allocatableCpu]! - cold[o + C.requestedCpu]!
    hot[o + H.freeMemory] = cold[o + C.allocatableMemory]! - cold[o + C.requestedMemory]!
    hot[o + H.memoRequestId] = -1
  }

  private get(field: number): number {
    return this.table.cold[this.base + field]!
  }

  private setFlag(bit: number, on: boolean): void {
    const hot = this.table.hot
    const flags = hot[this.base + H.flags]!
    hot[this.base + H.flags] = on ? flags | bit : flags & ~bit
  }

  get unschedulable(): boolean {
    return (this.table.hot[this.base + H.flags]! & UNSCHEDULABLE) !== 0
  }
  get allocatableCpuMillis(): number {
    return this.get(C.allocatableCpu)
  }
  get allocatableMemoryBytes(): number {
    return this.get(C.allocatableMemory)
  }
  get allocatablePods(): number {
    return this.get(C.allocatablePods)
  }
  get requestedCpuMillis(): number {
    return this.get(C.requestedCpu)
  }
  get requestedMemoryBytes(): number {
    return this.get(C.requestedMemory)
  }
  /** Non-zero requests (100m / 200Mi for containers without any), used for scoring only. */
  get nonZeroCpuMillis(): number {
    return this.get(C.nonZeroCpu)
  }
  get nonZeroMemoryBytes(): number {
    return this.get(C.nonZeroMemory)
  }
  get podCount(): number {
    return this.get(C.podCount)
  }

  /** Adds (or, with -1, takes away) one pod's requests. */
  account(cpu: number, memory: number, nonZeroCpu: number, nonZeroMemory: number, sign: 1 | -1) {
    const cold = this.table.cold
    const o = this.base
    cold[o + C.requestedCpu]! += sign * cpu
    cold[o + C.requestedMemory]! += sign * memory
    cold[o + C.nonZeroCpu]! += sign * nonZeroCpu
    cold[o + C.nonZeroMemory]! += sign * nonZeroMemory
    cold[o + C.podCount]! += sign
    this.changed()
  }

  /** Gives the row back when the node leaves the cache for good. */
  release(): void {
    this.table.release(this.base)
  }

  addPorts(ports: readonly HostPort[], sign: 1 | -1): void {
    if (ports.length === 0) return
    this.usedPorts ??= new Map()
    for (const p of ports) {
      const key = `${p.protocol}/${p.port}`
      let byIp = this.usedPorts.get(key)
      if (!byIp) this.usedPorts.set(key, (byIp = new Map()))
      const n = (byIp.get(p.ip) ?? 0) + sign
      if (n > 0) byIp.set(p.ip, n)
      else byIp.delete(p.ip)
      if (byIp.size === 0) this.usedPorts.delete(key)
    }
    this.setFlag(PORTS_IN_USE, this.usedPorts.size > 0)
  }

  /** `HostPortInfo.CheckConflict`: 0.0.0.0 clashes with every address, others with themselves and 0.0.0.0. */
  portInUse(p: HostPort): boolean {
    const byIp = this.usedPorts?.get(`${p.protocol}/${p.port}`)
    if (!byIp) return false
    return p.ip === '0.0.0.0' ? byIp.size > 0 : byIp.has('0.0.0.0') || byIp.has(p.ip)
  }
}
