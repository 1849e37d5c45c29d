import type { Snapshot } from './dto'

/**
 * The one API between the renderer and the host. Electron serves it over IPC, the
 * browser mode over a WebSocket; the renderer cannot tell which.
 */
export interface OpenRepositoryRequest {
  path: string
  branch?: string
}

export interface SetSpeedRequest {
  /** Virtual seconds per wall second; 0 pauses. */
  speed: number
}

export interface ApplyFaultRequest {
  /** As `--fault` writes it: `hypervisor/hv-b:crash`, or `…@2m` to carry it out that long from now. */
  spec: string
}

export interface AddTrafficRequest {
  /** As `--traffic` writes it: `web=50`. */
  spec: string
}

export interface StopTrafficRequest {
  /** The client's `id` in the snapshot. */
  id: number
}

export interface SyncAppRequest {
  /** The app's name, as the snapshot shows it. */
  app: string
}

export interface SetSyncPolicyRequest {
  app: string
  automated: boolean
  prune: boolean
  selfHeal: boolean
}

export interface RollbackRequest {
  app: string
  /** The history entry whose revision the app's folder returns to… */
  historyId?: number
  /** …or a revision (a sha, a branch, a tag). */
  revision?: string
}

export interface RevertRequest {
  app: string
  /** The commit whose changes a new commit undoes. */
  revision: string
}

export interface KubectlRequest {
  /** As typed at a prompt: `kubectl get pods -n shop`, `kubectl logs deploy/web`. */
  command: string
}

/** What a kubectl command prints, and its exit status. */
export interface KubectlOutput {
  stdout: string
  stderr: string
  exitCode: number
}

export interface HostApi {
  getSnapshot(): Promise<Snapshot>
  openRepository(request: OpenRepositoryRequest): Promise<Snapshot>
  setSpeed(request: SetSpeedRequest): Promise<Snapshot>
  applyFault(request: ApplyFaultRequest): Promise<Snapshot>
  addTraffic(request: AddTrafficRequest): Promise<Snapshot>
  stopTraffic(request: StopTrafficRequest): Promise<Snapshot>
  /** Syncs the app's tip now, whatever its policy (Argo CD's Sync button). */
  syncApp(request: SyncAppRequest): Promise<Snapshot>
  /** Changes an app's sync policy; refused for an app drydock.yaml declares. */
  setSyncPolicy(request: SetSyncPolicyRequest): Promise<Snapshot>
  /**
   * Commits the app's folder as it was at an earlier revision, on its branch:
   * a rollback is a commit, and it syncs like any other.
   */
  rollback(request: RollbackRequest): Promise<Snapshot>
  /** Commits the inverse of one commit, as `git revert` does. */
  revertCommit(request: RevertRequest): Promise<Snapshot>
  /**
   * Runs a kubectl command against the cluster as it is now: get, describe,
   * logs and rollout read it; delete and scale change it as drift an app sees.
   */
  kubectl(request: KubectlRequest): Promise<KubectlOutput>
}

export type HostMethod = keyof HostApi

export interface HostEvents {
  snapshot: Snapshot
}

export type HostEventName = keyof HostEvents

/** The renderer's view: the API plus a subscription to the event stream. */
export interface HostClient extends HostApi {
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void
}

export const hostMethods: readonly HostMethod[] = [
  'getSnapshot',
  'openRepository',
  'setSpeed',
  'applyFault',
  'addTraffic',
  'stopTraffic',
  'syncApp',
  'setSyncPolicy',
  'rollback',
  'revertCommit',
  'kubectl',
]

/** Longer than any fault or traffic spec a person writes; bounds what a message may carry. */
export const MAX_SPEC_LENGTH = 500

export const SPEEDS: readonly number[] = [0, 1, 10, 60]

/**
 * Checks a request's payload before the host acts on it. Both transports call this,
 * so a malformed message from any window or socket is refused the same way.
 */
export function validateRequest(method: string, params: unknown): string | undefined {
  if (!hostMethods.includes(method as HostMethod)) return `unknown method "${method}"`
  const obj = params as Record<string, unknown> | undefined
  switch (method as HostMethod) {
    case 'getSnapshot':
      return undefined
    case 'openRepository':
      if (!obj || typeof obj.path !== 'string' || obj.path.trim() === '')
        return 'openRepository needs a non-empty "path"'
      if (obj.branch !== undefined && typeof obj.branch !== 'string')
        return 'openRepository: "branch" must be a string'
      return undefined
    case 'setSpeed':
      if (
        !obj ||
        typeof obj.speed !== 'number' ||
        !Number.isFinite(obj.speed) ||
        obj.speed < 0 ||
        obj.speed > 3600
      ) {
        return 'setSpeed needs "speed" between 0 and 3600'
      }
      return undefined
    case 'kubectl':
      if (!obj || typeof obj.command !== 'string' || obj.command.trim() === '')
        return 'kubectl needs a non-empty "command"'
      if (obj.command.length > MAX_SPEC_LENGTH)
        return `kubectl: "command" is longer than ${MAX_SPEC_LENGTH} characters`
      return undefined
    case 'applyFault':
    case 'addTraffic':
      if (!obj || typeof obj.spec !== 'string' || obj.spec.trim() === '')
        return `${method} needs a non-empty "spec"`
      if (obj.spec.length > MAX_SPEC_LENGTH)
        return `${method}: "spec" is longer than ${MAX_SPEC_LENGTH} characters`
      return undefined
    case 'stopTraffic':
      if (!obj || typeof obj.id !== 'number' || !Number.isInteger(obj.id) || obj.id < 0)
        return 'stopTraffic needs "id", a whole number from 0'
      return undefined
    case 'syncApp':
      return appName(method, obj)
    case 'rollback': {
      const bad = appName(method, obj)
      if (bad) return bad
      const byId = typeof obj!.historyId === 'number' && Number.isInteger(obj!.historyId)
      const byRevision = typeof obj!.revision === 'string' && revisionLike(obj!.revision)
      if (byId === byRevision) return 'rollback needs either "historyId" or "revision"'
      return undefined
    }
    case 'revertCommit': {
      const bad = appName(method, obj)
      if (bad) return bad
      if (typeof obj!.revision !== 'string' || !revisionLike(obj!.revision))
        return 'revertCommit needs "revision", a commit'
      return undefined
    }
    case 'setSyncPolicy': {
      const bad = appName(method, obj)
      if (bad) return bad
      for (const key of ['automated', 'prune', 'selfHeal'])
        if (typeof obj![key] !== 'boolean') return `setSyncPolicy needs "${key}", true or false`
      return undefined
    }
  }
}

/** What `git rev-parse` could take: short, and no option or range syntax. */
function revisionLike(value: string): boolean {
  return value.length > 0 && value.length <= 255 && !value.startsWith('-') && !value.includes('..')
}

/** An app name is a DNS label: anything else names no app. */
function appName(method: string, obj: Record<string, unknown> | undefined): string | undefined {
  if (!obj || typeof obj.app !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(obj.app))
    return `${method} needs "app", the name of an app`
  return undefined
}

/** Messages on the browser-mode WebSocket. */
export type WireRequest = { id: number; method: HostMethod; params?: unknown }
export type WireMessage =
  | { id: number; result: unknown }
  | { id: number; error: string }
  | { event: HostEventName; payload: unknown }
