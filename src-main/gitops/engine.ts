import type { ManifestProblem } from './manifest/types'
import type { ClusterTarget, CommitInfo, GitSource, ManifestTools } from './ports'
import { normaliseDesired } from './render/normalise'
import type { ParseCache } from './render/parse-cache'
import { renderRevision } from './render/render'
import type { HelmOptions, SourceType } from './render/types'
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
  /** The app's name; also the Helm release name unless `helm.releaseName` is set. */
  name: string
  /** Folder inside the repository ('' for the root). */
  path: string
  namespace: string
  syncPolicy: SyncPolicy
  /** Fields a diff leaves out (Argo CD's `ignoreDifferences`). */
  ignoreDifferences: IgnoreDifference[]
  syncTimeoutMs: number
  /** For a Helm chart: the release name and extra values files (relative to the chart folder). */
  helm?: HelmOptions
  /** Argo CD's `CreateNamespace=true`: the app's namespace is made when it is missing. */
  createNamespace?: boolean
  /**
   * Declared in drydock.yaml, with a name the user chose: that name is also its
   * Helm release's, as an Argo CD Application's is. The repository's own app
   * names its release after the chart.
   */
  declared?: boolean
}

/** What renders a revision besides the repository: the real tools, and what was parsed before. */
export interface RenderServices {
  /** kubectl and helm, for Kustomize and Helm folders. */
  tools?: ManifestTools
  /** Parsed files kept between revisions of the same app. */
  cache?: ParseCache
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
  /** How the app's folder was rendered: plain manifests, Kustomize or Helm. */
  sourceType: SourceType
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
  services: RenderServices = {},
): Promise<PreparedRevision> {
  const commit = await source.readCommit(sha)
  const rendered = await renderRevision(source, sha, {
    path: settings.path,
    namespace: settings.namespace,
    name: settings.declared ? settings.name : undefined,
    helm: settings.helm,
    tools: services.tools,
    cache: services.cache,
  })
  const problems: ManifestProblem[] = [...rendered.problems]
  // drydock.yaml declares apps; it is not a manifest of any of them.
  const objects = rendered.objects.filter((d) => d.origin.file !== APPS_FILE)
  const normalised = normaliseDesired(objects, settings.namespace, (v, k) =>
    target.isNamespaced(v, k),
  )
  problems.push(...normalised.problems)
  // The objects as parsed, not as normalised: the same objects as the last commit's for
  // files it did not change, so their checks are remembered.
  problems.push(...(await schemaProblems(source, sha, settings.path, objects)))
  return {
    commit,
    notes: rendered.notes,
    sourceType: rendered.sourceType,
    request: {
      app: settings.name,
      revision: commit.sha,
      subject: commit.subject,
      objects: normalised.objects,
      problems,
      timeoutMs: settings.syncTimeoutMs,
      prune: settings.syncPolicy.prune,
      ignoreDifferences: settings.ignoreDifferences,
      createNamespace: settings.createNamespace ? settings.namespace : undefined,
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
