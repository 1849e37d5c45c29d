import type { KubeObject } from '../api/meta'
import type { VirtualClock } from '../kernel/clock'
import type { ObjectStore } from '../store/store'
import type { KubeletProcesses } from './kubelet-processes'
import type { NetworkPartitions } from './network'
import type { OutsideMemory } from './outside-memory'

/** A fault that cannot be carried out, with what would have made sense instead. */
export class FaultError extends Error {}

/** What the kubelet lets a fault do to the containers it runs. */
export interface ContainerRuntimeAccess {
  /** `kill -9` of a container's process; false when it is not running. */
  killContainer(namespace: string, pod: string, container: string): boolean
  /** What a pod's running containers use now, as metrics-server reports it. */
  podMetrics(namespace: string, pod: string): { memoryBytes: number }[] | undefined
}

/** The parts of the simulated world a fault acts on: a `Simulation` is one. */
export interface FaultWorld {
  store: ObjectStore
  clock: VirtualClock
  kubelets: KubeletProcesses
  network: NetworkPartitions
  kubelet: ContainerRuntimeAccess
  outsideMemory: OutsideMemory
}

/** Writes part of an object's status as the world now is. */
export function writeStatus<T extends KubeObject>(world: FaultWorld, obj: T, status: object): T {
  return world.store.updateStatus<T>({
    ...obj,
    metadata: { ...obj.metadata, resourceVersion: undefined },
    status: { ...(obj.status as object), ...status },
  })
}
