import type { ResourceList } from '../api/core'
import type { KubeletReservations, VirtualMachine } from '../api/infra'
import { bytes, cpuMillis } from '../api/quantity'
import { bytesText, cpuText, shareOf } from './capacity'

/** The kubelet's `maxPods` default. */
export const DEFAULT_MAX_PODS = 110
export const DEFAULT_DISK = '100Gi'

/**
 * The kubelet's `evictionHard` defaults on Linux (`pkg/kubelet/apis/config/v1beta1`).
 * Only `memory.available` and `nodefs.available` come off allocatable
 * (`hardEvictionReservation`).
 */
export const DEFAULT_EVICTION_HARD: Readonly<Record<string, string>> = {
  'memory.available': '100Mi',
  'nodefs.available': '10%',
  'nodefs.inodesFree': '5%',
  'imagefs.available': '15%',
}

/** The node's capacity and allocatable, from its VM and its kubelet's reservations. */
export interface NodeResources {
  capacity: ResourceList
  allocatable: ResourceList
  /** What comes off each resource, for the messages that refuse a VM too small to run a kubelet. */
  reserved: { cpuMillis: number; memoryBytes: number; storageBytes: number }
}

/**
 * `GetNodeAllocatableReservation`: capacity − kube-reserved − system-reserved −
 * hard eviction thresholds, resource by resource.
 */
export function nodeResources(vm: VirtualMachine): NodeResources {
  const spec = vm.spec
  const disk = spec.disk ?? DEFAULT_DISK
  const capacity: ResourceList = {
    cpu: String(spec.vcpus),
    memory: spec.memory,
    pods: String(spec.node.maxPods ?? DEFAULT_MAX_PODS),
    'ephemeral-storage': disk,
  }
  const reserved = reservations(spec.node.kubelet, {
    memoryBytes: bytes(spec.memory),
    storageBytes: bytes(disk),
  })
  const allocatable: ResourceList = {
    cpu: reserved.cpuMillis ? cpuText(spec.vcpus * 1000 - reserved.cpuMillis) : capacity.cpu!,
    memory: reserved.memoryBytes
      ? bytesText(bytes(spec.memory) - reserved.memoryBytes)
      : capacity.memory!,
    pods: capacity.pods!,
    'ephemeral-storage': reserved.storageBytes
      ? bytesText(bytes(disk) - reserved.storageBytes)
      : disk,
  }
  return { capacity, allocatable, reserved }
}

function reservations(
  kubelet: KubeletReservations | undefined,
  capacity: { memoryBytes: number; storageBytes: number },
): NodeResources['reserved'] {
  const lists = [kubelet?.kubeReserved ?? {}, kubelet?.systemReserved ?? {}]
  const sum = (name: string, parse: (v: string | number) => number) =>
    lists.reduce((total, list) => total + (list[name] === undefined ? 0 : parse(list[name]!)), 0)
  const eviction = kubelet?.evictionHard ?? DEFAULT_EVICTION_HARD
  // The kubelet truncates a percentage of capacity to whole bytes.
  const threshold = (signal: string, whole: number) =>
    Math.floor(shareOf(eviction[signal], whole, bytes))
  return {
    cpuMillis: sum('cpu', cpuMillis),
    memoryBytes: sum('memory', bytes) + threshold('memory.available', capacity.memoryBytes),
    storageBytes:
      sum('ephemeral-storage', bytes) + threshold('nodefs.available', capacity.storageBytes),
  }
}
