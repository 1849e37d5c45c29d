import type { Node, Pod } from '../api/core'
import { isPodTerminal } from '../api/pod-util'
import { bytesText } from './capacity'
import { FaultError, type FaultWorld } from './fault-world'
import { memoryCapacity, memoryThreshold } from './node-memory'

const MI = 1024 * 1024
/** What a filled node has left: under the kubelet's default 100Mi threshold, so it evicts. */
export const LEFT_AVAILABLE_BYTES = 50 * MI

/**
 * Something outside Kubernetes takes nearly all of a node's memory (a process
 * started by hand, a leaking daemon): it leaves 50Mi available, whatever the
 * pods use now. The kubelet's eviction manager sees the rest.
 */
export function fillMemory(world: FaultWorld, node: Node): string {
  const name = node.metadata.name
  if (world.outsideMemory.bytes(name) > 0)
    return `the memory of node/${name} is already taken outside Kubernetes`
  let used = 0
  for (const pod of world.store.list<Pod>('Pod', { fieldSelector: { 'spec.nodeName': name } })) {
    if (isPodTerminal(pod)) continue
    for (const m of world.kubelet.podMetrics(pod.metadata.namespace!, pod.metadata.name) ?? [])
      used += m.memoryBytes
  }
  // Whole mebibytes, so what it says is what it took.
  const taken = Math.floor((memoryCapacity(node) - used - LEFT_AVAILABLE_BYTES) / MI) * MI
  if (taken <= 0)
    throw new FaultError(
      `cannot fill the memory of node/${name}: its pods leave less than ${bytesText(LEFT_AVAILABLE_BYTES)} available already`,
    )
  world.outsideMemory.set(name, taken)
  const said = `${bytesText(taken)} of the memory of node/${name} taken outside Kubernetes`
  return memoryThreshold(world.store, node)
    ? said
    : `${said}; its kubelet sets no memory.available eviction threshold (its evictionHard names none), so it evicts nothing`
}

export function freeMemory(world: FaultWorld, node: Node): string {
  const name = node.metadata.name
  if (world.outsideMemory.bytes(name) === 0)
    return `nothing outside Kubernetes holds memory on node/${name}`
  world.outsideMemory.set(name, 0)
  return `the memory taken outside Kubernetes on node/${name} is free again`
}
