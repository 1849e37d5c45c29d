import type { Node, Taint } from '../../api/core'
import { bytes, cpuMillis } from '../../api/quantity'
import type { HostPort } from '../pod-info'
import { F, FILTER_TAINTS, PORTS_IN_USE, UNSCHEDULABLE, type NodeTable } from './node-table'

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
  /** This node's row in the cache's `NodeTable`. */
  readonly base: number
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
    this.setNode(node)
  }

  setNode(node: Node): void {
    this.generation++
    this.node = node
    this.labels = node.metadata.labels ?? EMPTY_LABELS
    const taints = node.spec.taints ?? NO_TAINTS
    this.filterTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule')
    this.setFlag(UNSCHEDULABLE, node.spec.unschedulable === true)
    this.setFlag(FILTER_TAINTS, this.filterTaints.length > 0)
    const allocatable = node.status?.allocatable ?? {}
    this.set(F.allocatableCpu, cpuMillis(allocatable.cpu))
    this.set(F.allocatableMemory, bytes(allocatable.memory))
    this.set(F.allocatablePods, Number(allocatable.pods ?? 110))
  }

  private get(field: number): number {
    return this.table.data[this.base + field]!
  }

  private set(field: number, value: number): void {
    this.table.data[this.base + field] = value
  }

  private setFlag(bit: number, on: boolean): void {
    const flags = this.get(F.flags)
    this.set(F.flags, on ? flags | bit : flags & ~bit)
  }

  get unschedulable(): boolean {
    return (this.get(F.flags) & UNSCHEDULABLE) !== 0
  }
  get allocatableCpuMillis(): number {
    return this.get(F.allocatableCpu)
  }
  get allocatableMemoryBytes(): number {
    return this.get(F.allocatableMemory)
  }
  get allocatablePods(): number {
    return this.get(F.allocatablePods)
  }
  get requestedCpuMillis(): number {
    return this.get(F.requestedCpu)
  }
  get requestedMemoryBytes(): number {
    return this.get(F.requestedMemory)
  }
  /** Non-zero requests (100m / 200Mi for containers without any), used for scoring only. */
  get nonZeroCpuMillis(): number {
    return this.get(F.nonZeroCpu)
  }
  get nonZeroMemoryBytes(): number {
    return this.get(F.nonZeroMemory)
  }
  get podCount(): number {
    return this.get(F.podCount)
  }
  /** Moves with every change to the node or its pods: remembered scores older than this are stale. */
  get generation(): number {
    return this.get(F.generation)
  }
  set generation(value: number) {
    this.set(F.generation, value)
  }

  /** Adds (or, with -1, takes away) one pod's requests. */
  account(cpu: number, memory: number, nonZeroCpu: number, nonZeroMemory: number, sign: 1 | -1) {
    const d = this.table.data
    const o = this.base
    d[o + F.requestedCpu]! += sign * cpu
    d[o + F.requestedMemory]! += sign * memory
    d[o + F.nonZeroCpu]! += sign * nonZeroCpu
    d[o + F.nonZeroMemory]! += sign * nonZeroMemory
    d[o + F.podCount]! += sign
    d[o + F.generation]!++
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
