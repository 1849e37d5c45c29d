import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { fromRfc3339 } from '../../kernel/time'
import { ApiError } from '../../store/errors'
import type { ServedKind } from '../../store/kind-registry'
import type { ObjectStore } from '../../store/store'
import type { ContentTotals } from './conditions'

/**
 * `namespacedResourcesDeleter.deleteAllContent`: deletes everything in a
 * namespace, kind by kind, with background propagation, and says what is left,
 * what holds it, and how long the pods may still take.
 */

/** How long the deleter assumes finalizers take when nothing else gives an estimate. */
export const FINALIZER_ESTIMATE_SECONDS = 15

export interface ContentPass extends ContentTotals {
  /** Seconds before what is left should be gone; 0 when nothing is expected to go by itself. */
  readonly estimateSeconds: number
}

/** `gvr.Resource + "." + gvr.Group`, as the conditions print it (`pods.` for the core group). */
const resourceName = (info: ServedKind): string => `${info.plural}.${info.group}`

/** `GroupVersionResource.String()`: `/v1, Resource=pods`. */
const gvrString = (info: ServedKind): string =>
  `${info.group}/${info.versions[0]}, Resource=${info.plural}`

/** `estimateGracefulTerminationForPods`: the longest grace period of the pods not yet finished. */
function podEstimateSeconds(pods: readonly KubeObject[]): number {
  let estimate = 0
  for (const obj of pods) {
    const pod = obj as Pod
    const phase = pod.status?.phase
    if (phase === 'Succeeded' || phase === 'Failed') continue
    estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0)
  }
  return estimate
}

function deleteKind(
  store: ObjectStore,
  info: ServedKind,
  namespace: string,
  deletedAtMs: number,
  nowMs: number,
): { estimate: number; remaining: KubeObject[]; error?: string } {
  const items = store.list(info.kind, { namespace })
  let estimate = info.kind === 'Pod' && info.group === '' ? podEstimateSeconds(items) : 0
  // An estimate the namespace's age has outlived no longer counts.
  if (nowMs - deletedAtMs >= estimate * 1000) estimate = 0
  for (const item of items) {
    try {
      store.delete(
        { kind: item.kind, namespace, name: item.metadata.name },
        { propagationPolicy: 'Background' },
      )
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.reason !== 'NotFound' && e.reason !== 'MethodNotAllowed')
        return { estimate, remaining: store.list(info.kind, { namespace }), error: e.message }
    }
  }
  const remaining = store.list(info.kind, { namespace })
  if (remaining.length === 0 || estimate > 0)
    return { estimate: remaining.length ? estimate : 0, remaining }
  const withFinalizers = remaining.some((o) => (o.metadata.finalizers ?? []).length > 0)
  if (withFinalizers) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining }
  return {
    estimate,
    remaining,
    error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(info)}`,
  }
}

export function deleteAllContent(
  store: ObjectStore,
  namespace: string,
  deletionTimestamp: string,
  nowMs: number,
): ContentPass {
  const deletedAtMs = fromRfc3339(deletionTimestamp)
  const remainingByResource = new Map<string, number>()
  const remainingByFinalizer = new Map<string, number>()
  const errors: string[] = []
  let estimateSeconds = 0
  for (const info of [...store.kinds.all()]) {
    if (!info.namespaced) continue
    const result = deleteKind(store, info, namespace, deletedAtMs, nowMs)
    if (result.error) errors.push(result.error)
    estimateSeconds = Math.max(estimateSeconds, result.estimate)
    if (result.remaining.length === 0) continue
    remainingByResource.set(resourceName(info), result.remaining.length)
    for (const item of result.remaining) {
      for (const f of item.metadata.finalizers ?? [])
        remainingByFinalizer.set(f, (remainingByFinalizer.get(f) ?? 0) + 1)
    }
  }
  return { remainingByResource, remainingByFinalizer, errors, estimateSeconds }
}
