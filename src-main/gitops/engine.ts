import type { ManifestProblem } from './manifest/types'
import type { ClusterTarget, CommitInfo, GitSource } from './ports'
import { normaliseDesired, renderPlain } from './render/plain'
import { SyncOperation } from './sync/operation'
import { APPS_FILE } from './app/apps-file'
import { schemaProblems } from './validate/place'
import type { SyncTrigger } from '../shared/dto'
import type { IgnoreDifference } from './diff/ignore-differences'

/** Argo CD's `syncPolicy`: whether commits sync by themselves, and what else the app does then. */
export interface SyncPolicy {
  /** Each new commit on the branch is synced once, without being asked. */
  automated: boolean
  /** Objects the app made and Git no longer declares are deleted. */
  prune: boolean
  /** What drifts from Git (a manual scale, a deleted Deployment) is put back. */
  selfHeal: boolean
}

/**
 * What an app syncs: its name (which its objects' tracking annotation carries),
 * which folder of the repository, into which namespace, how, and within what time.
 */
export interface AppSettings {
  name: string
  /** Folder inside the repository ('' for the root). */
  path: string
  namespace: string
  syncPolicy: SyncPolicy
  /** Fields a diff leaves out (Argo CD's `ignoreDifferences`). */
  ignoreDifferences: IgnoreDifference[]
  syncTimeoutMs: number
}

/** An app of the whole repository into `default`, syncing, pruning and healing by itself. */
export const defaultAppSettings: AppSettings = {
  name: 'drydock',
  path: '',
  namespace: 'default',
  syncPolicy: { automated: true, prune: true, selfHeal: true },
  ignoreDifferences: [],
  syncTimeoutMs: 15 * 60_000,
}

export interface PreparedRevision {
  commit: CommitInfo
  request: Omit<ConstructorParameters<typeof SyncOperation>[0], 'id' | 'trigger'>
  notes: string[]
}

/**
 * Reads and renders a revision: the asynchronous half of a sync, done before the
 * cluster is touched. Anything wrong is collected as problems; nothing throws for
 * bad input.
 */
export async function prepareRevision(
  source: GitSource,
  sha: string,
  target: Pick<ClusterTarget, 'isNamespaced'>,
  settings: AppSettings,
): Promise<PreparedRevision> {
  const commit = await source.readCommit(sha)
  const rendered = await renderPlain(source, sha, settings.path)
  const problems: ManifestProblem[] = [...rendered.problems]
  // drydock.yaml declares apps; it is not a manifest of any of them.
  const objects = rendered.objects.filter((d) => d.origin.file !== APPS_FILE)
  const normalised = normaliseDesired(objects, settings.namespace, (v, k) =>
    target.isNamespaced(v, k),
  )
  problems.push(...normalised.problems)
  problems.push(...(await schemaProblems(source, sha, settings.path, normalised.objects)))
  return {
    commit,
    notes: rendered.notes,
    request: {
      app: settings.name,
      revision: commit.sha,
      subject: commit.subject,
      objects: normalised.objects,
      problems,
      timeoutMs: settings.syncTimeoutMs,
      prune: settings.syncPolicy.prune,
      ignoreDifferences: settings.ignoreDifferences,
    },
  }
}

/** Starts the synchronous half: applies a prepared revision to the cluster. */
export function startSync(
  prepared: PreparedRevision,
  target: ClusterTarget,
  nowMs: number,
  id: number,
  trigger: SyncTrigger,
): SyncOperation {
  return new SyncOperation({ ...prepared.request, id, trigger }, target, nowMs)
}
