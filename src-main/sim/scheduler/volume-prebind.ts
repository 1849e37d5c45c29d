import type { Pod } from '../api/core'
import { ANNOTATION_SELECTED_NODE, type PersistentVolumeClaim } from '../api/storage'
import { namespacedName } from '../store/keys'
import type { ObjectStore } from '../store/store'
import { podClaims } from './pod-claims'
import { ClusterEvent } from './unschedulable-pods'

/**
 * `VolumeBinding`'s Reserve and PreBind: claims that wait for their first
 * consumer are given the node chosen for the pod
 * (`volume.kubernetes.io/selected-node`), and the pod is held on that node
 * until the provisioner has made the volumes and the claims are bound; then it
 * is bound there. Storage changes are passed on to the scheduling queue, so
 * that pods VolumeBinding turned away are tried again.
 */
export class VolumePreBind {
  /** Pod → the node it is assumed on while its claims bind. */
  private readonly assumed = new Map<string, string>()
  /** Claim (`namespace/name`) → assumed pods to look at again when it changes. */
  private readonly waiting = new Map<string, Set<string>>()

  constructor(
    private readonly store: ObjectStore,
    requeue: (podKey: string) => void,
    clusterChanged: (events: number) => void,
  ) {
    store.watch(
      ({ type, object }) => {
        if (object.kind === 'Pod') {
          if (this.assumed.size > 0 && (type === 'DELETED' || (object as Pod).spec.nodeName))
            this.assumed.delete(namespacedName(object))
          return
        }
        const key = namespacedName(object)
        if (object.kind === 'PersistentVolumeClaim') {
          const pods = this.waiting.get(key)
          this.waiting.delete(key)
          for (const pod of pods ?? []) requeue(pod)
        }
        if (type !== 'DELETED') clusterChanged(ClusterEvent.StorageChange)
      },
      ['Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
    )
  }

  /**
   * For a pod held in PreBind: `'waiting'` while its claims bind, then the node
   * to bind it to. Undefined for a pod to schedule as usual.
   */
  held(pod: Pod): 'waiting' | string | undefined {
    if (this.assumed.size === 0) return undefined
    const podKey = namespacedName(pod)
    const nodeName = this.assumed.get(podKey)
    if (nodeName === undefined) return undefined
    const claims = podClaims(this.store, pod)
    if (claims && !('rejection' in claims) && claims.delayed.length + claims.immediate.length > 0) {
      for (const claim of [...claims.delayed, ...claims.immediate]) this.wait(claim, podKey)
      return 'waiting'
    }
    this.assumed.delete(podKey)
    // Claims gone or refused, or the node gone: the pod goes through scheduling again.
    if (!claims || 'rejection' in claims || !this.store.get('Node', undefined, nodeName))
      return undefined
    return nodeName
  }

  /** Reserve: true when the pod can be bound at once, false when it is held for its claims. */
  reserve(pod: Pod, nodeName: string): boolean {
    const claims = podClaims(this.store, pod)
    if (!claims || 'rejection' in claims || claims.delayed.length === 0) return true
    const podKey = namespacedName(pod)
    for (const claim of claims.delayed) {
      this.wait(claim, podKey)
      if (claim.metadata.annotations?.[ANNOTATION_SELECTED_NODE] === nodeName) continue
      this.store.updateOwned<PersistentVolumeClaim>({
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: { ...claim.metadata.annotations, [ANNOTATION_SELECTED_NODE]: nodeName },
        },
      })
    }
    this.assumed.set(podKey, nodeName)
    return false
  }

  private wait(claim: PersistentVolumeClaim, podKey: string): void {
    const key = namespacedName(claim)
    let pods = this.waiting.get(key)
    if (!pods) this.waiting.set(key, (pods = new Set()))
    pods.add(podKey)
  }
}
