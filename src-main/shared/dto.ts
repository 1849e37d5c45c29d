/**
 * Plain data that crosses from the host to the renderer and out of the CLI. Imports
 * nothing outside shared/, so every layer (and the renderer) can use it.
 */

import type { FaultView, InfrastructureView } from './infra-dto'
import type { FaultLogEntry, LiveTrafficView } from './live-dto'
import type { TrafficView } from './traffic-dto'

export type HealthStatus =
  'Healthy' | 'Suspended' | 'Progressing' | 'Missing' | 'Degraded' | 'Unknown'

/**
 * Phase of a sync operation: `Running` until its rollout settles. `Superseded`
 * marks one a newer commit took over before it settled.
 */
export type SyncPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Superseded'

export type ApplyAction = 'created' | 'configured' | 'unchanged' | 'failed'

export interface ManifestProblemView {
  file: string
  line?: number
  column?: number
  message: string
}

export interface ResourceResultView {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
  health: HealthStatus
  message: string
  action?: ApplyAction
}

export interface PodView {
  namespace: string
  name: string
  node: string | null
  phase: string
  /** The STATUS column of `kubectl get pods`. */
  status: string
  /** `1/1` */
  ready: string
  restarts: number
  /** `kubectl get pods` RESTARTS column: `2 (40s ago)`. */
  restartsText: string
  age: string
  /** Owning controller, e.g. `ReplicaSet/web-6c455b6594`. */
  owner?: string
}

export interface NodeView {
  name: string
  /** `Ready`, `NotReady`, `Ready,SchedulingDisabled`. */
  status: string
  roles: string
  version: string
  pods: PodView[]
}

export interface CommitView {
  sha: string
  shortSha: string
  subject: string
  author: string
  /** Author time, ms since the epoch (wall clock). */
  timestampMs: number
}

export interface SyncView {
  /** 1, 2, 3… in the order operations started. */
  id: number
  revision: string
  shortSha: string
  subject: string
  trigger: 'commit' | 'initial' | 'manual'
  phase: SyncPhase
  health: HealthStatus
  message: string
  startedAtVirtualMs: number
  finishedAtVirtualMs?: number
  resources: ResourceResultView[]
  problems: ManifestProblemView[]
}

export interface RepositoryView {
  path: string
  branch: string
  headSha: string | null
}

export interface ClockView {
  virtualMs: number
  speed: number
  paused: boolean
}

export interface Snapshot {
  repository: RepositoryView | null
  /** Something the user must see: a repository that cannot be read, a branch that vanished. */
  error: string | null
  commits: CommitView[]
  /** Newest first. */
  syncs: SyncView[]
  nodes: NodeView[]
  /** Pods not bound to any node yet. */
  unscheduled: PodView[]
  /** The machines under the nodes, and each node's state. */
  infrastructure: InfrastructureView
  /** Faults set off from the app, oldest first. */
  faultLog: FaultLogEntry[]
  /** Clients started from the app, in the order they were added. */
  traffic: LiveTrafficView[]
  clock: ClockView
}

/** The `drydock sync --json` contract. */
export interface SyncReport {
  revision: string
  subject: string
  phase: SyncPhase
  health: HealthStatus
  message: string
  /** Virtual seconds from the start of the sync until it settled (or timed out). */
  durationSeconds: number
  resources: ResourceResultView[]
  /** As they are at the end of the run, which `--for` may keep going after the sync settled. */
  pods: PodView[]
  problems: ManifestProblemView[]
  /** Virtual seconds from the start of the sync to the end of the run. */
  ranForSeconds: number
  /** The scheduled faults, in the order they were due. */
  faults: FaultView[]
  /** The machines and nodes at the end of the run. */
  infrastructure: InfrastructureView
  /** What each `--traffic` client's requests met, in the order given. */
  traffic: TrafficView[]
}
