import type { AppResourceView, HealthStatus, ResourceDiffView } from '../../shared/dto'
import { appSyncStatus, diffApp } from '../diff/app-diff'
import type { DiffCache } from '../diff/diff-cache'
import type { IgnoreDifference } from '../diff/ignore-differences'
import { assessHealth } from '../health/health'
import { worstOf } from '../health/types'
import type { DesiredObject, Manifest } from '../manifest/types'
import { resourceKey } from '../manifest/types'
import type { ClusterTarget } from '../ports'
import { hookRole } from '../sync/hooks'
import { isTrackedBy, withTracking } from './tracking'

/** The app's declared objects as they are applied: each with the app's tracking annotation. */
export function trackedDesired(app: string, objects: readonly DesiredObject[]): DesiredObject[] {
  return objects.map((d) => ({ object: withTracking(app, d.object), origin: d.origin }))
}

/** What the app made that Git no longer declares (hooks are not the app's state, and are left alone). */
export function extraObjects(
  app: string,
  desired: readonly DesiredObject[],
  target: Pick<ClusterTarget, 'listTracked'>,
): Manifest[] {
  const declared = new Set(desired.map((d) => keyOf(d.object)))
  // Most tracked objects are declared: the dearer checks are for the few that are not.
  return target
    .listTracked(app)
    .filter(
      (live) =>
        !declared.has(keyOf(live)) &&
        !(live.metadata as { deletionTimestamp?: string }).deletionTimestamp &&
        isTrackedBy(app, live) &&
        hookRole(live).kind === 'resource',
    )
}

/** Declared and live objects are read-only and outlive a comparison: each key is built once. */
const keys = new WeakMap<Manifest, string>()

function keyOf(obj: Manifest): string {
  let key = keys.get(obj)
  if (key === undefined) keys.set(obj, (key = resourceKey(obj)))
  return key
}

export interface AppComparison {
  resources: AppResourceView[]
  syncStatus: 'Synced' | 'OutOfSync'
  health: HealthStatus
}

/**
 * An app as Argo CD's refresh sees it: each resource Git declares (hooks
 * aside) and each it no longer does, compared with the cluster, with its
 * health; the app is Synced when all are, and as healthy as the worst.
 */
export function compareApp(
  app: string,
  objects: readonly DesiredObject[],
  target: Pick<ClusterTarget, 'get' | 'predict' | 'listTracked'>,
  ignoreDifferences: readonly IgnoreDifference[] = [],
  cache?: DiffCache,
): AppComparison {
  const desired = trackedDesired(app, objects).filter((d) => hookRole(d.object).kind === 'resource')
  const extra = extraObjects(app, desired, target)
  // The live objects the diff looked up, declared ones first, then the extra ones.
  const lives: (Manifest | undefined)[] = []
  const diffs = diffApp({ desired, extra, target, ignoreDifferences, cache, lives })
  lives.push(...extra)
  const resources = diffs.map((d, i) => withResourceHealth(d, lives[i]))
  return {
    resources,
    syncStatus: appSyncStatus(diffs),
    health: worstOf(resources.filter((r) => r.status !== 'Extra').map((r) => r.health)),
  }
}

/** Each diff with its live object's health, kept while neither changes. */
const withHealths = new WeakMap<
  ResourceDiffView,
  { live: Manifest | undefined; view: AppResourceView }
>()

function withResourceHealth(diff: ResourceDiffView, live: Manifest | undefined): AppResourceView {
  const kept = withHealths.get(diff)
  if (kept && kept.live === live) return kept.view
  const health = assessHealth(live)
  const view = { ...diff, health: health.status, healthMessage: health.message }
  withHealths.set(diff, { live, view })
  return view
}

/**
 * The comparison with each resource's health read again: health follows
 * status writes, which change nothing Git declares, so it is refreshed far
 * more often than the diff.
 */
export function withHealth(
  comparison: AppComparison,
  target: Pick<ClusterTarget, 'get'>,
): AppComparison {
  const resources = comparison.resources.map((r): AppResourceView => {
    const health = assessHealth(target.get(r))
    return health.status === r.health && health.message === r.healthMessage
      ? r
      : { ...r, health: health.status, healthMessage: health.message }
  })
  return {
    ...comparison,
    resources,
    health: worstOf(resources.filter((r) => r.status !== 'Extra').map((r) => r.health)),
  }
}
