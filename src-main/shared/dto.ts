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

/**
 * What a sync did to one object: `kubectl apply`'s words, `pruned` for an object
 * Git no longer declares, `pruneSkipped` for one it kept (prune off, `Prune=false`).
 */
export type ApplyAction =
  'created' | 'configured' | 'unchanged' | 'pruned' | 'pruneSkipped' | 'failed'

/** When a resource is applied in a sync: a hook's phase, or `Sync` for any other resource. */
export type SyncPhaseName = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail'

/**
 * How a live resource compares with Git: `Synced`, `OutOfSync` (it differs),
 * `Missing` (Git declares it, the cluster lacks it: to create) or `Extra` (the
 * app made it and Git no longer declares it: to prune). An app is Synced when
 * all its resources are.
 */
export type ResourceSyncStatus = 'Synced' | 'OutOfSync' | 'Missing' | 'Extra'

export interface ResourceDiffView {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
  status: ResourceSyncStatus
  /** The fields that differ, as kubectl names them: `spec.template.spec.containers[0].image`. */
  changedPaths: string[]
  /** A unified diff of the live object's YAML and the desired one's, as `kubectl diff` prints it. */
  diff: string
  /** Where Git declares it (absent for an Extra resource). */
  file?: string
  line?: number
}

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
  /** Set for a hook: the phase it ran in. */
  hookPhase?: SyncPhaseName
  /** Its sync wave (0 unless annotated). */
  wave?: number
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

/**
 * What started a sync: the first sync of an app (`initial`), a new commit, the
 * user (`manual`), self-heal putting back what drifted, or a rollback's commit.
 */
export type SyncTrigger = 'initial' | 'commit' | 'manual' | 'self-heal' | 'rollback'

/** One phase and wave of a sync, and how far it got. */
export interface SyncStepView {
  phase: SyncPhaseName
  wave: number
  /** The step that deletes what Git no longer declares. */
  prune: boolean
  state: 'pending' | 'running' | 'done' | 'failed'
  /** How many of its tasks are done, of how many. */
  done: number
  total: number
}

export interface SyncView {
  /** 1, 2, 3… in the order operations started. */
  id: number
  revision: string
  shortSha: string
  subject: string
  trigger: SyncTrigger
  phase: SyncPhase
  health: HealthStatus
  message: string
  startedAtVirtualMs: number
  finishedAtVirtualMs?: number
  resources: ResourceResultView[]
  problems: ManifestProblemView[]
  /** Its phases and waves in order (empty for a sync that never started applying). */
  steps: SyncStepView[]
  /** The changes it set out to make: every resource that was not Synced when it started. */
  diff: ResourceDiffView[]
}

/** One sync operation as an app's history keeps it, with when it ran on the wall clock. */
export interface HistoryEntry {
  app: string
  sync: SyncView
  /** The commit's author, `Name <email>`. */
  author: string
  startedAtWallMs: number
  finishedAtWallMs?: number
}

/** One resource of an app as it is now: how it compares with Git, and its health. */
export interface AppResourceView extends ResourceDiffView {
  health: HealthStatus
  healthMessage: string
}

export interface SyncPolicyView {
  automated: boolean
  prune: boolean
  selfHeal: boolean
}

/** An app: a folder of the repository synced into a namespace, as Argo CD's Application. */
export interface AppView {
  name: string
  path: string
  namespace: string
  branch: string
  syncPolicy: SyncPolicyView
  /** Declared in drydock.yaml: its policy is changed there, not in the app. */
  declared: boolean
  /** Synced when every resource is; Unknown until the first comparison. */
  syncStatus: 'Synced' | 'OutOfSync' | 'Unknown'
  health: HealthStatus
  /** The commit the app follows: its branch's tip. */
  revision: string | null
  /** The last revision a sync finished applying with phase Succeeded. */
  syncedRevision: string | null
  resources: AppResourceView[]
  /** What the tip's manifests get wrong, if anything: why it cannot be synced. */
  problems: ManifestProblemView[]
  /** Notes on what the app did or did not do, in Argo CD's words ("Skipping auto-sync: ..."). */
  conditions: string[]
  /** Every sync, newest first. */
  history: HistoryEntry[]
}

export interface RepositoryView {
  path: string
  branch: string
  headSha: string | null
  /**
   * What the user should know about the branch: HEAD on another branch or
   * detached (commits there are not synced), history rewritten under a synced
   * commit, a branch moved back.
   */
  notices: string[]
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
  /** The repository's apps: the one of the whole repository, or those drydock.yaml declares. */
  apps: AppView[]
  /** What drydock.yaml gets wrong, if anything. */
  appProblems: ManifestProblemView[]
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
