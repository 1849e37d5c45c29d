import type { ManifestProblem } from './manifest/types'
import type { ClusterTarget, CommitInfo, GitSource } from './ports'
import { normaliseDesired, renderPlain } from './render/plain'
import { SyncOperation } from './sync/operation'
import type { SyncView } from '../shared/dto'

/** What an app syncs: which folder of the repository, into which namespace, within what time. */
export interface AppSettings {
  /** Folder inside the repository ('' for the root). */
  path: string
  namespace: string
  syncTimeoutMs: number
}

export const defaultAppSettings: AppSettings = {
  path: '',
  namespace: 'default',
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
  const normalised = normaliseDesired(rendered.objects, settings.namespace, (v, k) =>
    target.isNamespaced(v, k),
  )
  problems.push(...normalised.problems)
  return {
    commit,
    notes: rendered.notes,
    request: {
      revision: commit.sha,
      subject: commit.subject,
      objects: normalised.objects,
      problems,
      timeoutMs: settings.syncTimeoutMs,
    },
  }
}

/** Starts the synchronous half: applies a prepared revision to the cluster. */
export function startSync(
  prepared: PreparedRevision,
  target: ClusterTarget,
  nowMs: number,
  id: number,
  trigger: SyncView['trigger'],
): SyncOperation {
  return new SyncOperation({ ...prepared.request, id, trigger }, target, nowMs)
}
