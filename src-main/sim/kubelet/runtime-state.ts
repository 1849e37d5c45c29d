import type { ContainerStateTerminated } from '../api/core'
import type { ImageBehaviour } from '../images/catalog'
import type { TimerHandle } from '../kernel/clock'
import type { Backoff } from './backoff'

/**
 * What the container runtime on a node knows of one pod: the node's own state,
 * not a copy of the API object. The kubelet derives the pod's status from it.
 */
export type ContainerPhase = 'waiting' | 'pulling' | 'running' | 'terminated'

export interface ContainerRuntime {
  readonly name: string
  readonly image: string
  phase: ContainerPhase
  waitingReason: string
  waitingMessage?: string
  imageId?: string
  containerId?: string
  behaviour?: ImageBehaviour
  startedAtMs?: number
  ready: boolean
  restartCount: number
  terminated?: ContainerStateTerminated
  pullBackoff?: Backoff
}

export interface PodRuntime {
  readonly key: string
  readonly uid: string
  readonly nodeName: string
  readonly startTimeMs: number
  sandboxReady: boolean
  podIP?: string
  containers: ContainerRuntime[]
  /** Set once the kubelet has started stopping the pod's containers. */
  killing: boolean
  timers: TimerHandle[]
}
