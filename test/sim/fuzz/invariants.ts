import { isDeepStrictEqual } from 'node:util'
import type { Pod } from '../../../src-main/sim/api/core'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import type { ObjectStore } from '../../../src-main/sim/store/store'

/**
 * What must hold of one stored object: indexed by uid (the recorder's events,
 * kept outside the index, the same by name on every read) and by its owners,
 * not ahead of the store, in a namespace that exists.
 */
function checkObject(store: ObjectStore, obj: KubeObject, namespaced: boolean): void {
  const meta = obj.metadata
  if (!meta.uid) throw new Error(`${obj.kind}/${meta.name} has no uid`)
  if (store.isKept(obj)) {
    if (!isDeepStrictEqual(store.get(obj.kind, meta.namespace, meta.name), obj))
      throw new Error(`${obj.kind}/${meta.name} reads differently from its keeper`)
  } else if (store.getByUid(meta.uid) !== obj)
    throw new Error(`${obj.kind}/${meta.name} is not indexed by its uid ${meta.uid}`)
  if (Number(meta.resourceVersion) > store.resourceVersion)
    throw new Error(`${obj.kind}/${meta.name} is ahead of the store`)
  if (namespaced && !store.get('Namespace', undefined, meta.namespace!))
    throw new Error(`${obj.kind}/${meta.name} lives in missing namespace ${meta.namespace}`)
  for (const ref of meta.ownerReferences ?? [])
    if (!store.dependents(ref.uid).includes(obj))
      throw new Error(`${obj.kind}/${meta.name} is missing from its owner's index`)
  const node = obj.kind === 'Pod' ? (obj as Pod).spec.nodeName : undefined
  if (node && !store.podsOnNode(node).includes(obj as Pod))
    throw new Error(`Pod/${meta.name} is missing from the index of node ${node}`)
}

/** Every invariant of every object, uids unique across the store. */
export function checkInvariants(store: ObjectStore): void {
  const uids = new Set<string>()
  for (const info of store.kinds.all()) {
    for (const obj of store.list(info.kind)) {
      checkObject(store, obj, info.namespaced)
      if (uids.has(obj.metadata.uid!))
        throw new Error(`uid ${obj.metadata.uid} of ${obj.kind}/${obj.metadata.name} is not unique`)
      uids.add(obj.metadata.uid!)
    }
  }
}

/**
 * The invariants of what changed since the last check: each object written is
 * checked as stored, each one deleted is gone from the indexes. Cheap enough to
 * run after every write; `checkInvariants` covers the whole store now and then.
 */
export class ChangedObjects {
  private changed = new Map<string, KubeObject>()
  private readonly stop: () => void

  constructor(private readonly store: ObjectStore) {
    this.stop = store.watch(({ object }) => {
      this.changed.set(
        `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`,
        object,
      )
    })
  }

  check(): void {
    const changed = this.changed
    this.changed = new Map()
    for (const obj of changed.values()) {
      const meta = obj.metadata
      const live = this.store.get(obj.kind, meta.namespace, meta.name)
      if (live) {
        checkObject(this.store, live, this.store.kinds.get(obj.kind)?.namespaced ?? false)
        continue
      }
      if (meta.uid && this.store.getByUid(meta.uid))
        throw new Error(`${obj.kind}/${meta.name} is gone but still indexed by its uid`)
      for (const ref of meta.ownerReferences ?? [])
        if (this.store.dependents(ref.uid).some((d) => d.metadata.uid === meta.uid))
          throw new Error(`${obj.kind}/${meta.name} is gone but still in its owner's index`)
      const node = obj.kind === 'Pod' ? (obj as Pod).spec.nodeName : undefined
      if (node && this.store.podsOnNode(node).some((p) => p.metadata.uid === meta.uid))
        throw new Error(`Pod/${meta.name} is gone but still in the index of node ${node}`)
    }
  }

  close(): void {
    this.stop()
  }
}
