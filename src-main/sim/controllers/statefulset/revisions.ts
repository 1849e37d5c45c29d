import type { ControllerRevision } from '../../api/controller-revision'
import type { Pod } from '../../api/core'
import type { StatefulSet } from '../../api/statefulset'
import type { ObjectStore } from '../../store/store'
import {
  bumpRevision,
  createRevision,
  deleteRevision,
  equalRevision,
  findEqualRevisions,
  newControllerRevision,
} from '../history/controller-history'
import { podRevision, revisionData } from './utils'

export interface StatefulSetRevisions {
  current: ControllerRevision
  update: ControllerRevision
  collisionCount: number
}

/** `nextRevision`: one past the newest, 1 for a new history. */
function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1]!.revision + 1
}

/**
 * `getStatefulSetRevisions`: the revision the pods should reach (the set's
 * template now) and the one they are at. A template equal to the newest revision
 * reuses it; equal to an older one, that one is moved to the head (a rollback);
 * otherwise a new revision is written. `sorted` is the set's history, oldest first.
 */
export function getStatefulSetRevisions(
  store: ObjectStore,
  set: StatefulSet,
  sorted: readonly ControllerRevision[],
): StatefulSetRevisions {
  let collisionCount = set.status?.collisionCount ?? 0
  const wanted = newControllerRevision(
    set,
    set.spec.template.metadata?.labels,
    revisionData(set),
    nextRevision(sorted),
    collisionCount,
  )
  // Upstream copies the set's annotations onto each revision.
  if (set.metadata.annotations) wanted.metadata.annotations = { ...set.metadata.annotations }
  const equal = findEqualRevisions(sorted, wanted)
  let update: ControllerRevision
  if (equal.length > 0 && equalRevision(sorted[sorted.length - 1]!, equal[equal.length - 1]!)) {
    update = sorted[sorted.length - 1]!
  } else if (equal.length > 0) {
    update = bumpRevision(store, equal[equal.length - 1]!, wanted.revision)
  } else {
    const result = createRevision(store, set, wanted, collisionCount)
    update = result.created
    collisionCount = result.collisionCount
  }
  const current = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update
  return { current, update, collisionCount }
}

/**
 * `truncateHistory`: revisions neither current, nor the update, nor worn by a
 * pod are history; the oldest go until `revisionHistoryLimit` remain.
 */
export function truncateHistory(
  store: ObjectStore,
  set: StatefulSet,
  pods: readonly Pod[],
  sorted: readonly ControllerRevision[],
  revisions: StatefulSetRevisions,
): void {
  const live = new Set([revisions.current.metadata.name, revisions.update.metadata.name])
  for (const pod of pods) live.add(podRevision(pod))
  const history = sorted.filter((r) => !live.has(r.metadata.name))
  const limit = set.spec.revisionHistoryLimit ?? 10
  if (limit < 0 || history.length <= limit) return
  for (const revision of history.slice(0, history.length - limit)) deleteRevision(store, revision)
}
