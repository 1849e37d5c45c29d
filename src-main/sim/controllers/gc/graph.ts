import type { KubeObject, OwnerReference } from '../../api/meta'
import type { ObjectStore } from '../../store/store'
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS } from '../../store/validate-meta'

/**
 * What the garbage collector's dependency graph answers
 * (`pkg/controller/garbagecollector/graph.go`), read straight from the store's
 * owner index instead of a second copy of the graph.
 */

export const hasFinalizer = (obj: KubeObject, finalizer: string): boolean =>
  (obj.metadata.finalizers ?? []).includes(finalizer)

/** Being deleted in the foreground: waiting for its blocking dependents to go. */
export const isDeletingDependents = (obj: KubeObject): boolean =>
  Boolean(obj.metadata.deletionTimestamp) && hasFinalizer(obj, FINALIZER_DELETE_DEPENDENTS)

/** Being deleted with its dependents kept: waiting to strip their owner references. */
export const isOrphaning = (obj: KubeObject): boolean =>
  Boolean(obj.metadata.deletionTimestamp) && hasFinalizer(obj, FINALIZER_ORPHAN_DEPENDENTS)

/**
 * Kinds the graph leaves out, as upstream's graph builder does
 * (`DefaultIgnoredResources`): an Event is never collected with its owner, nor
 * holds one up, and there are five or more of them for every pod.
 */
export const isIgnored = (obj: KubeObject): boolean => obj.kind === 'Event'

/** The dependents the graph knows of: those of a kind it does not ignore. */
export function graphDependents(store: ObjectStore, ownerUid: string): KubeObject[] {
  return store.dependents(ownerUid).filter((dep) => !isIgnored(dep))
}

const blocks =
  (ownerUid: string) =>
  (dep: KubeObject): boolean =>
    !isIgnored(dep) &&
    (dep.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUid && r.blockOwnerDeletion)

/** `node.blockingDependents`: dependents whose reference to `owner` blocks its deletion. */
export function blockingDependents(store: ObjectStore, ownerUid: string): KubeObject[] {
  return store.dependents(ownerUid).filter(blocks(ownerUid))
}

/** Whether any dependent still blocks the owner's deletion (stops at the first). */
export function isBlocked(store: ObjectStore, ownerUid: string): boolean {
  return store.hasDependent(ownerUid, blocks(ownerUid))
}

export interface Classified {
  solid: OwnerReference[]
  dangling: OwnerReference[]
  waitingForDependentsDeletion: OwnerReference[]
}

/**
 * `classifyReferences`: an owner that does not exist (or is another object
 * under that name, or lives in another namespace) is dangling; one being
 * deleted in the foreground is waiting; any other is solid. Undefined when a
 * cluster-scoped object names a namespaced owner, which never resolves.
 */
export function classifyReferences(store: ObjectStore, item: KubeObject): Classified | undefined {
  const out: Classified = { solid: [], dangling: [], waitingForDependentsDeletion: [] }
  const namespace = item.metadata.namespace
  for (const ref of item.metadata.ownerReferences ?? []) {
    const info = store.kinds.get(ref.kind)
    if (info?.namespaced && !namespace) return undefined
    const owner = store.getByUid(ref.uid)
    const same =
      owner !== undefined &&
      owner.kind === ref.kind &&
      owner.metadata.name === ref.name &&
      (!info?.namespaced || owner.metadata.namespace === namespace)
    if (!same) out.dangling.push(ref)
    else if (isDeletingDependents(owner)) out.waitingForDependentsDeletion.push(ref)
    else out.solid.push(ref)
  }
  return out
}
