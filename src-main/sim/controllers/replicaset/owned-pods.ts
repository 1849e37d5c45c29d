import type { Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { controllerRef, isPodActive, isPodReady } from '../../api/pod-util'
import type { Labels } from '../../store/labels'
import type { ObjectStore, WatchEvent } from '../../store/store'
import type { RankedPod } from './delete-order'
import { ScaleDownOrder } from './scale-down-order'

/**
 * What one ReplicaSet controls: its active pods by uid, and running counts of
 * what its status reports, so that a sync of a large ReplicaSet reads them
 * rather than walking every pod.
 */
export interface OwnedPods {
  readonly pods: Map<string, OwnedPod>
  /** How many of `pods` are Ready. */
  ready: number
  /** How many of `pods` carry each labels object (replicas share their template's). */
  readonly byLabels: Map<Labels | undefined, number>
  /**
   * `pods` in scale-down order, once a scale-down has asked for it: kept from
   * then on, as most ReplicaSets never shrink.
   */
  order?: ScaleDownOrder
}

/** A pod of the index: its latest version, and what a scale-down worked out from it. */
export interface OwnedPod extends RankedPod {
  pod: Pod
  /** Whether `pod` is Ready, as counted in `ready`: the version before a write need not be read again. */
  ready: boolean
}

const NONE: OwnedPods = { pods: new Map(), ready: 0, byLabels: new Map() }
const NO_ORDER = new ScaleDownOrder()

/**
 * The active pods of every controller, by the controller's uid: the
 * `FilterActivePods` of the pods whose controller reference names it, kept up
 * to date from the store's watch as an informer's index would be. It holds the
 * same pods a walk of the owner's dependents would find, in any order.
 */
export class OwnedPodIndex {
  private readonly owners = new Map<string, OwnedPods>()

  constructor(store: ObjectStore) {
    for (const pod of store.list<Pod>('Pod')) this.add(pod)
    store.watch((event) => this.changed(event), ['Pod'])
  }

  /** The active pods controlled by `ownerUid` (empty when there are none). */
  of(ownerUid: string): Readonly<OwnedPods> {
    return this.owners.get(ownerUid) ?? NONE
  }

  /** `owned.pods` in scale-down order, built now and kept up to date from now on. */
  scaleDownOrder(owned: Readonly<OwnedPods>): ScaleDownOrder {
    if (owned === NONE) return NO_ORDER
    if (!owned.order) {
      const order = new ScaleDownOrder()
      for (const entry of owned.pods.values()) order.add(entry)
      ;(owned as OwnedPods).order = order
    }
    return owned.order!
  }

  private changed({ type, object, old }: WatchEvent): void {
    // A deletion carries the pod as it was last stored; a change carries the version before it.
    const previous = type === 'DELETED' ? object : old
    const before = previous && ownerOf(previous)
    const after = type === 'DELETED' ? undefined : ownerOf(object)
    // A write that keeps the pod where it was (most: status writes) updates it in place.
    if (before !== undefined && before === after) {
      const owned = this.owners.get(before)!
      const entry = owned.pods.get(object.metadata.uid!)!
      const moved = owned.order && (old as Pod).spec.nodeName !== (object as Pod).spec.nodeName
      if (moved) owned.order!.remove(entry)
      const ready = isPodReady(object as Pod)
      owned.ready += Number(ready) - Number(entry.ready)
      entry.pod = object as Pod
      entry.ready = ready
      entry.ranks = undefined
      if (moved) owned.order!.add(entry)
      else owned.order?.changed(entry)
      if (object.metadata.labels !== old!.metadata.labels) {
        count(owned.byLabels, old!.metadata.labels, -1)
        count(owned.byLabels, object.metadata.labels, 1)
      }
      return
    }
    if (before !== undefined) this.remove(before, previous as Pod)
    if (after !== undefined) this.add(object as Pod)
  }

  private add(pod: Pod): void {
    const uid = ownerOf(pod)
    if (uid === undefined) return
    let owned = this.owners.get(uid)
    if (!owned) this.owners.set(uid, (owned = { pods: new Map(), ready: 0, byLabels: new Map() }))
    const entry: OwnedPod = { pod, ranks: undefined, ready: isPodReady(pod) }
    owned.pods.set(pod.metadata.uid!, entry)
    owned.order?.add(entry)
    owned.ready += Number(entry.ready)
    count(owned.byLabels, pod.metadata.labels, 1)
  }

  private remove(ownerUid: string, pod: Pod): void {
    const owned = this.owners.get(ownerUid)!
    const entry = owned.pods.get(pod.metadata.uid!)!
    owned.order?.remove(entry)
    owned.pods.delete(pod.metadata.uid!)
    if (owned.pods.size === 0) return void this.owners.delete(ownerUid)
    owned.ready -= Number(entry.ready)
    count(owned.byLabels, pod.metadata.labels, -1)
  }
}

/** The uid of the controller an active pod counts for, if any. */
function ownerOf(obj: KubeObject): string | undefined {
  const pod = obj as Pod
  return isPodActive(pod) ? controllerRef(pod)?.uid : undefined
}

function count(
  counts: Map<Labels | undefined, number>,
  labels: Labels | undefined,
  by: number,
): void {
  const n = (counts.get(labels) ?? 0) + by
  if (n === 0) counts.delete(labels)
  else counts.set(labels, n)
}
