import type { ControllerRevision } from '../../api/controller-revision'
import type { Pod } from '../../api/core'
import type { DaemonSet } from '../../api/daemonset'
import { CONTROLLER_REVISION_HASH_LABEL } from '../../api/statefulset'
import type { ObjectStore } from '../../store/store'
import { computeHash } from '../deployment/util'
import {
  bumpRevision,
  deleteRevision,
  ownedRevisions,
  ownerRefTo,
  templatePatch,
} from '../history/controller-history'
import { deepEqual } from '../../store/equality'

/** A DaemonSet's history as ControllerRevisions (`update.go` `constructHistory` and friends). */

/** The hash a revision's pods are labelled with. */
export function revisionHash(revision: ControllerRevision): string {
  return revision.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''
}

/** `Match`: the revision stores exactly this template. */
function matches(ds: DaemonSet, revision: ControllerRevision): boolean {
  return deepEqual(templatePatch(ds.spec.template), revision.data)
}

export type ConstructedHistory =
  { current: ControllerRevision; old: ControllerRevision[] } | { collision: true }

/**
 * `constructHistory`: the revision of the current template (created if missing,
 * moved to the head if it is an older one coming back) and the old ones.
 */
export function constructHistory(
  store: ObjectStore,
  ds: DaemonSet,
  pods: () => readonly Pod[],
): ConstructedHistory {
  const current: ControllerRevision[] = []
  const old: ControllerRevision[] = []
  for (let revision of ownedRevisions(store, ds)) {
    if (!revisionHash(revision)) {
      // Revisions from before the hash label get their name as the hash.
      revision = store.updateOwned<ControllerRevision>({
        ...revision,
        metadata: {
          ...revision.metadata,
          labels: {
            ...revision.metadata.labels,
            [CONTROLLER_REVISION_HASH_LABEL]: revision.metadata.name,
          },
        },
      })
    }
    ;(matches(ds, revision) ? current : old).push(revision)
  }
  const next = old.reduce((max, r) => Math.max(max, r.revision), 0) + 1
  if (current.length === 0) {
    const created = snapshot(store, ds, next)
    return created ? { current: created, old } : { collision: true }
  }
  const kept = dedupCurrent(store, current, pods)
  return { current: kept.revision < next ? bumpRevision(store, kept, next) : kept, old }
}

/** `dedupCurHistories`: one current revision survives; pods of the others are relabelled to it. */
function dedupCurrent(
  store: ObjectStore,
  current: readonly ControllerRevision[],
  pods: () => readonly Pod[],
): ControllerRevision {
  if (current.length === 1) return current[0]!
  const keep = current.reduce((best, r) => (r.revision >= best.revision ? r : best))
  const hash = revisionHash(keep)
  for (const pod of pods()) {
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) continue
    store.updateOwned<Pod>({
      ...pod,
      metadata: {
        ...pod.metadata,
        labels: { ...pod.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      },
    })
  }
  for (const r of current) if (r !== keep) deleteRevision(store, r)
  return keep
}

/**
 * `snapshot`: a revision named `<ds>-<hash of the template>`. A name taken by a
 * different template is a hash collision: the DaemonSet's `collisionCount` goes up
 * and the next pass tries the next name.
 */
function snapshot(
  store: ObjectStore,
  ds: DaemonSet,
  revision: number,
): ControllerRevision | undefined {
  const hash = computeHash(ds.spec.template, ds.status?.collisionCount)
  const name = `${ds.metadata.name}-${hash}`
  const data = templatePatch(ds.spec.template)
  const existing = store.get<ControllerRevision>('ControllerRevision', ds.metadata.namespace, name)
  if (existing) {
    if (deepEqual(existing.data, data)) return existing
    store.updateStatus<DaemonSet>({
      ...ds,
      metadata: { ...ds.metadata, resourceVersion: undefined },
      status: { ...ds.status!, collisionCount: (ds.status?.collisionCount ?? 0) + 1 },
    })
    return undefined
  }
  return store.createOwned<ControllerRevision>({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ds.metadata.namespace,
      labels: { ...ds.spec.template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
      annotations: ds.metadata.annotations,
      ownerReferences: [ownerRefTo(ds)],
    },
    data,
    revision,
  })
}

/**
 * `cleanupHistory`: old revisions beyond `revisionHistoryLimit` go, oldest first,
 * except those some pod (even a finished one) still wears.
 */
export function cleanupHistory(
  store: ObjectStore,
  ds: DaemonSet,
  old: readonly ControllerRevision[],
  pods: readonly Pod[],
): void {
  let toKill = old.length - (ds.spec.revisionHistoryLimit ?? 10)
  if (toKill <= 0) return
  const liveHashes = new Set<string>()
  for (const pod of pods) {
    const hash = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]
    if (hash) liveHashes.add(hash)
  }
  for (const revision of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break
    if (liveHashes.has(revisionHash(revision))) continue
    deleteRevision(store, revision)
    toKill--
  }
}
