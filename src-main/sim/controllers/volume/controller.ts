import type { Node } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import {
  ANNOTATION_BETA_STORAGE_PROVISIONER,
  ANNOTATION_SELECTED_NODE,
  ANNOTATION_STORAGE_PROVISIONER,
  claimClass,
  volumeClass,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../api/storage'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { splitNamespacedName } from '../../store/keys'
import { defaultStorageClass } from '../../store/storage/admission'
import { bind, setClaimPhase, setVolumePhase } from './binding'
import { findMatchingVolume } from './matching'

/** `--pvclaimbinder-sync-period`: claims still waiting are looked at again this often. */
export const RESYNC_MS = 15_000

const claimKey = (namespace: string | undefined, name: string): string =>
  `claim/${namespace ?? 'default'}/${name}`
const volumeKey = (name: string): string => `volume/${name}`

/**
 * The PersistentVolume controller (`pkg/controller/volume/persistentvolume`):
 * binds each claim to a matching volume, or hands it to its class's
 * provisioner; marks volumes Available, Bound or Released. Claims of a
 * WaitForFirstConsumer class wait until the scheduler names a node. Keys are
 * `claim/namespace/name` and `volume/name`.
 */
export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  /** Volumes by class name (`''` for none). */
  private readonly volumesByClass = new Map<string, Map<string, PersistentVolume>>()
  /** Unbound claims by the class they wait on: a new volume or class of that name wakes them. */
  private readonly pendingByClass = new Map<string, Set<string>>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'PersistentVolumeClaim') {
          this.queue.add(claimKey(object.metadata.namespace, object.metadata.name))
          const volume = (object as PersistentVolumeClaim).spec?.volumeName
          if (volume) this.queue.add(volumeKey(volume))
        } else if (object.kind === 'PersistentVolume') {
          this.indexVolume(
            old as PersistentVolume | undefined,
            type === 'DELETED' ? undefined : (object as PersistentVolume),
          )
          this.queue.add(volumeKey(object.metadata.name))
          const ref = (object as PersistentVolume).spec?.claimRef
          if (ref?.name) this.queue.add(claimKey(ref.namespace, ref.name))
          this.wake(volumeClass(object as PersistentVolume))
        } else if (type !== 'DELETED') this.wake(object.metadata.name, true)
      },
      ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
    )
  }

  private indexVolume(
    before: PersistentVolume | undefined,
    after: PersistentVolume | undefined,
  ): void {
    if (before) this.volumesByClass.get(volumeClass(before))?.delete(before.metadata.name)
    if (!after) return
    let volumes = this.volumesByClass.get(volumeClass(after))
    if (!volumes) this.volumesByClass.set(volumeClass(after), (volumes = new Map()))
    volumes.set(after.metadata.name, after)
  }

  /** Claims waiting on a class; a new StorageClass may also be the default claims without one wait for. */
  private wake(className: string, classChanged = false): void {
    for (const key of this.pendingByClass.get(className) ?? []) this.queue.add(key)
    if (classChanged) for (const key of this.pendingByClass.get('\u0000') ?? []) this.queue.add(key)
  }

  private setPending(key: string, className: string | undefined): void {
    for (const [name, keys] of this.pendingByClass) if (name !== className) keys.delete(key)
    if (className === undefined) return
    let keys = this.pendingByClass.get(className)
    if (!keys) this.pendingByClass.set(className, (keys = new Set()))
    keys.add(key)
  }

  reconcile(key: string): ReconcileResult | void {
    const slash = key.indexOf('/')
    const rest = key.slice(slash + 1)
    if (key.startsWith('volume/')) return this.syncVolume(rest)
    const { namespace, name } = splitNamespacedName(rest)
    const claim = this.ctx.store.get<PersistentVolumeClaim>(
      'PersistentVolumeClaim',
      namespace,
      name,
    )
    if (!claim) return this.setPending(key, undefined)
    if (claim.spec.volumeName) {
      this.setPending(key, undefined)
      return this.syncBoundClaim(claim)
    }
    return this.syncUnboundClaim(key, claim)
  }

  private event(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.ctx.recorder.record(obj, type, reason, message, { component: this.name })
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const pv = this.ctx.store.get<PersistentVolume>(
      'PersistentVolume',
      undefined,
      claim.spec.volumeName!,
    )
    const ref = pv?.spec.claimRef
    if (
      pv &&
      (!ref || ref.uid === claim.metadata.uid || (!ref.uid && ref.name === claim.metadata.name))
    ) {
      bind(this.ctx.store, pv, claim, this.ctx.clock.nowMs())
      return
    }
    if (claim.status?.phase !== 'Bound') {
      if (claim.status?.phase !== 'Pending') setClaimPhase(this.ctx.store, claim, 'Pending')
      return
    }
    setClaimPhase(this.ctx.store, claim, 'Lost')
    if (!pv)
      this.event(
        claim,
        'Warning',
        'ClaimLost',
        'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
      )
    else
      this.event(
        claim,
        'Warning',
        'ClaimMisbound',
        'Two claims are bound to the same volume, this one is bound incorrectly',
      )
  }

  private syncUnboundClaim(key: string, claim: PersistentVolumeClaim): ReconcileResult | void {
    const store = this.ctx.store
    if (claim.spec.storageClassName === undefined) {
      // Retroactive default class: a claim made before any default, or by a controller, gets it now.
      const sc = defaultStorageClass(store)
      if (sc) {
        store.updateOwned<PersistentVolumeClaim>({
          ...claim,
          metadata: { ...claim.metadata },
          spec: { ...claim.spec, storageClassName: sc.metadata.name },
        })
        return
      }
    }
    const className = claimClass(claim)
    this.setPending(key, claim.spec.storageClassName === undefined ? '\u0000' : className)
    const sc = className ? store.get<StorageClass>('StorageClass', undefined, className) : undefined
    const delayed = sc?.volumeBindingMode === 'WaitForFirstConsumer'
    const selected = claim.metadata.annotations?.[ANNOTATION_SELECTED_NODE]
    if (delayed && !selected) {
      this.event(
        claim,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
      )
      return { requeueAfterMs: RESYNC_MS }
    }
    const node = selected ? store.get<Node>('Node', undefined, selected) : undefined
    const volume = findMatchingVolume(
      claim,
      this.volumesByClass.get(className)?.values() ?? [],
      node,
      delayed,
    )
    if (volume) {
      this.setPending(key, undefined)
      bind(store, volume, claim, this.ctx.clock.nowMs())
      return
    }
    if (claim.status?.phase !== 'Pending') setClaimPhase(store, claim, 'Pending')
    if (className === '') {
      this.event(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      )
    } else if (!sc) {
      this.event(
        claim,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io "${className}" not found`,
      )
    } else {
      this.handToProvisioner(claim, sc.provisioner)
    }
    return { requeueAfterMs: RESYNC_MS }
  }

  /** An external provisioner's claim: annotated for it, and an event saying who is awaited. */
  private handToProvisioner(claim: PersistentVolumeClaim, provisioner: string): void {
    const annotations = claim.metadata.annotations ?? {}
    let current = claim
    if (annotations[ANNOTATION_STORAGE_PROVISIONER] !== provisioner) {
      current = this.ctx.store.updateOwned<PersistentVolumeClaim>({
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: {
            ...annotations,
            [ANNOTATION_BETA_STORAGE_PROVISIONER]: provisioner,
            [ANNOTATION_STORAGE_PROVISIONER]: provisioner,
          },
        },
      })
    }
    this.event(
      current,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    )
  }

  private syncVolume(name: string): void {
    const store = this.ctx.store
    const pv = store.get<PersistentVolume>('PersistentVolume', undefined, name)
    if (!pv) return
    const now = this.ctx.clock.nowMs()
    const ref = pv.spec.claimRef
    if (!ref?.name) {
      setVolumePhase(store, pv, 'Available', now)
      return
    }
    const claim = store.get<PersistentVolumeClaim>(
      'PersistentVolumeClaim',
      ref.namespace ?? 'default',
      ref.name,
    )
    if (claim && (!ref.uid || ref.uid === claim.metadata.uid)) {
      // Pre-bound to a claim not bound yet: available to that claim only, which is synced next.
      setVolumePhase(store, pv, claim.spec.volumeName === name ? 'Bound' : 'Available', now)
      return
    }
    // The claim is gone: the volume is released, and its provisioner deletes it if the policy says so.
    setVolumePhase(store, pv, 'Released', now)
  }
}
