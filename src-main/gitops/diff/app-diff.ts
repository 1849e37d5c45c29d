import type { ResourceDiffView } from '../../shared/dto'
import type { DesiredObject, Manifest } from '../manifest/types'
import type { ClusterTarget } from '../ports'
import { changedPaths } from './changed-paths'
import type { DiffCache } from './diff-cache'
import { withoutIgnored, type IgnoreDifference } from './ignore-differences'
import { normaliseForDiff } from './normalise'
import { unifiedDiff } from './unified'

export interface AppDiffInput {
  /** The app's resources as they will be applied (hooks left out: they are not synced state). */
  desired: readonly DesiredObject[]
  /** Live objects the app made that Git no longer declares. */
  extra: readonly Manifest[]
  target: Pick<ClusterTarget, 'get' | 'predict'>
  ignoreDifferences?: readonly IgnoreDifference[]
  /** The app's earlier diffs: a resource neither side of which changed is not diffed again. */
  cache?: DiffCache
  /** Filled with each declared resource's live object, in order, for a caller that wants them too. */
  lives?: (Manifest | undefined)[]
}

const title = (obj: Manifest): string =>
  `${obj.apiVersion} ${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`

/** Compared as Argo CD compares them: normalised, with the app's ignored fields taken out of both sides. */
function comparable(obj: Manifest, rules: readonly IgnoreDifference[]): Manifest {
  return normaliseForDiff(withoutIgnored(obj, rules))
}

/**
 * Each resource of an app against the cluster: a server-side diff, comparing
 * the live object with what applying Git's version would store, so defaults
 * and what controllers wrote do not show as differences.
 */
export function diffApp(input: AppDiffInput): ResourceDiffView[] {
  const rules = input.ignoreDifferences ?? []
  const out: ResourceDiffView[] = []
  for (const { object, origin } of input.desired) {
    const ref = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    }
    const live = input.target.get(ref)
    input.lives?.push(live)
    const liveVersion = live?.metadata.resourceVersion as string | undefined
    const kept = input.cache?.get(object, liveVersion)
    if (kept && kept.file === origin.file && kept.line === origin.line) {
      out.push(kept)
      continue
    }
    const predicted = input.target.predict(object)
    // A refusal shows Git's version as written; the sync will report the refusal itself.
    const after = comparable('object' in predicted ? predicted.object : object, rules)
    const before = live && comparable(live, rules)
    const paths = before ? changedPaths(before, after) : []
    const view: ResourceDiffView = {
      ...ref,
      status: !live ? 'Missing' : paths.length > 0 ? 'OutOfSync' : 'Synced',
      changedPaths: paths,
      diff: !live || paths.length > 0 ? unifiedDiff(title(object), before, after) : '',
      file: origin.file,
      line: origin.line,
    }
    input.cache?.set(object, liveVersion, view)
    out.push(view)
  }
  for (const live of input.extra) {
    out.push({
      apiVersion: live.apiVersion,
      kind: live.kind,
      namespace: live.metadata.namespace,
      name: live.metadata.name,
      status: 'Extra',
      changedPaths: [],
      diff: unifiedDiff(title(live), comparable(live, rules), undefined),
    })
  }
  return out
}

/** An app is Synced when every resource is. */
export const appSyncStatus = (diffs: readonly ResourceDiffView[]): 'Synced' | 'OutOfSync' =>
  diffs.every((d) => d.status === 'Synced') ? 'Synced' : 'OutOfSync'
