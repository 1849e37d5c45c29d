import type { Node } from '../api/core'
import type { VirtualMachine } from '../api/infra'
import { bytes } from '../api/quantity'
import type { ObjectStore } from '../store/store'
import { shareOf } from './capacity'
import { DEFAULT_EVICTION_HARD } from './node-resources'

/** The kubelet's `memory.available` hard eviction threshold, as configured and in bytes. */
export interface MemoryThreshold {
  /** As written: `100Mi`, or a share of capacity (`5%`). */
  text: string
  bytes: number
}

/**
 * The `memory.available` threshold of a node's kubelet: its VM's `evictionHard`
 * when it sets one (which replaces the defaults, as a kubelet configuration
 * file does), else the kubelet's default of 100Mi. Undefined when the
 * configuration sets none, as kind's does: that kubelet never evicts for memory.
 */
export function memoryThreshold(store: ObjectStore, node: Node): MemoryThreshold | undefined {
  const vmName = node.spec.providerID?.replace(/^drydock:\/\//, '')
  const vm = vmName ? store.get<VirtualMachine>('VirtualMachine', undefined, vmName) : undefined
  const text = (vm?.spec.node.kubelet?.evictionHard ?? DEFAULT_EVICTION_HARD)['memory.available']
  if (text === undefined) return undefined
  const capacity = bytes(node.status?.capacity?.memory ?? '0')
  return { text, bytes: Math.floor(shareOf(text, capacity, bytes)) }
}

export function memoryCapacity(node: Node): number {
  return bytes(node.status?.capacity?.memory ?? '0')
}
