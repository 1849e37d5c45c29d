import type { ContainerStateTerminated } from '../api/core'
import type { ImageBehaviour } from '../images/catalog'
import type { TimerHandle } from '../kernel/clock'
import type { Backoff } from './backoff'
import type { ConfigRef } from './config-env'
import type { ProcessPlan } from './process'

/**
 * What the container runtime on a node knows of one pod: the node's own state,
 * not a copy of the API object. The kubelet derives the pod's status from it.
 */

/** Where a container is in its life; each value but idle, running and done has a timer pending. */
export type Activity =
  | 'idle' // wants to be started at the next pod sync
  | 'pulling'
  | 'pull-backoff'
  | 'config-error' // waits for a ConfigMap or Secret (CreateContainerConfigError)
  | 'starting'
  | 'running'
  | 'stopping'
  | 'crash-backoff'
  | 'done' // terminated and will not restart
  | 'blocked' // cannot start (InvalidImageName, ErrImageNeverPull)

/** One start of a container: what it runs and when. */
export interface ContainerRun {
  containerId: string
  startedAtMs: number
  plan: ProcessPlan
  endedAtMs?: number
}

export interface ContainerRuntime {
  readonly name: string
  readonly image: string
  readonly init: boolean
  /** An init container with `restartPolicy: Always`. */
  readonly sidecar: boolean
  activity: Activity
  waitingReason: string
  waitingMessage?: string
  imageId?: string
  behaviour?: ImageBehaviour
  run?: ContainerRun
  /** The run before this one, for `kubectl logs --previous`. */
  previous?: ContainerRun
  /** Bumped on every start; a timer for an older run finds it changed and does nothing. */
  runSeq: number
  ready: boolean
  /** While stopping: until when its server still accepts connections (SIGTERM, after any preStop hook). */
  acceptsUntilMs?: number
  /** The startup probe has passed (true at once without one). */
  started: boolean
  restartCount: number
  terminated?: ContainerStateTerminated
  lastTerminated?: ContainerStateTerminated
  pullBackoff?: Backoff
  crashBackoff?: Backoff
  waitingOn?: ConfigRef
}

export interface PodRuntime {
  readonly key: string
  /** The pod's namespace and name as its object holds them: a lookup with them hashes nothing anew. */
  readonly namespace: string
  readonly name: string
  readonly uid: string
  readonly nodeName: string
  readonly startTimeMs: number
  sandboxReady: boolean
  podIP?: string
  /** A configMap or secret volume that cannot be mounted yet. */
  mountError?: { message: string; waitingOn: ConfigRef }
  init: ContainerRuntime[]
  containers: ContainerRuntime[]
  /** Set once the kubelet has started stopping the pod's containers. */
  killing: boolean
  timers: TimerHandle[]
}

export function newContainer(
  name: string,
  image: string,
  init: boolean,
  sidecar: boolean,
): ContainerRuntime {
  return {
    name,
    image,
    init,
    sidecar,
    activity: 'idle',
    waitingReason: init ? 'PodInitializing' : 'ContainerCreating',
    // Room for the fields every container that runs gets: set later, they would
    // move into an array of their own, read through one more hop.
    waitingMessage: undefined,
    imageId: undefined,
    behaviour: undefined,
    run: undefined,
    runSeq: 0,
    ready: false,
    acceptsUntilMs: undefined,
    started: false,
    restartCount: 0,
    terminated: undefined,
    waitingOn: undefined,
  }
}

/** Init containers first; without any, the containers array itself (every sync asks, few pods have init containers). */
export function allContainers(rt: PodRuntime): readonly ContainerRuntime[] {
  return rt.init.length === 0 ? rt.containers : rt.init.concat(rt.containers)
}

/** Init containers are done when every one has completed (sidecars: started). */
export function initDone(rt: PodRuntime): boolean {
  return rt.init.every((c) =>
    c.sidecar
      ? c.started && c.activity === 'running'
      : c.terminated?.exitCode === 0 && c.activity === 'done',
  )
}
