import type { Node } from '../../api/core'
import {
  ANNOTATION_PROVISIONED_BY,
  ANNOTATION_SELECTED_NODE,
  ANNOTATION_STORAGE_PROVISIONER,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../api/storage'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { splitNamespacedName } from '../../store/keys'
import { NAME_ALPHABET } from '../../store/store'
import { RESYNC_MS } from './controller'

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path'
/** Where kind's local-path-provisioner keeps volumes on each node. */
const BASE_PATH = '/var/local-path-provisioner'
/** The helper pod that makes (or removes) the directory on the node. */
const HELPER_POD = { baseMs: 2000, jitterMs: 700 }
const SUPPORTED_MODES = ['ReadWriteOnce', 'ReadWriteOncePod']

/**
 * kind's local-path-provisioner, an external provisioner: for a claim the PV
 * controller hands it, on the node the scheduler chose, it makes a hostPath
 * volume `pvc-<claim uid>` pinned to that node; when a Delete-policy volume it
 * made is released, it removes it. Keys are `claim/namespace/name` and
 * `volume/name`.
 */
export class LocalPathProvisioner implements Controller {
  readonly name = 'local-path-provisioner'
  readonly queue: WorkQueue
  /** How the provisioner signs its events: `<provisioner>_<pod>_<uuid>`, as the external-provisioner library does. */
  private identityText: string | undefined
  private readonly dueAtMs = new Map<string, number>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ object }) => {
        if (object.kind === 'PersistentVolumeClaim') {
          const claim = object as PersistentVolumeClaim
          if (
            claim.metadata.annotations?.[ANNOTATION_STORAGE_PROVISIONER] === LOCAL_PATH_PROVISIONER
          )
            this.queue.add(`claim/${claim.metadata.namespace}/${claim.metadata.name}`)
        } else if (
          object.metadata.annotations?.[ANNOTATION_PROVISIONED_BY] === LOCAL_PATH_PROVISIONER
        )
          this.queue.add(`volume/${object.metadata.name}`)
      },
      ['PersistentVolumeClaim', 'PersistentVolume'],
    )
  }

  /** Drawn when first needed, so that a cluster without claims draws nothing for it. */
  private get identity(): string {
    if (this.identityText === undefined) {
      const p = this.ctx.prng
      const hex = (n: number): string => p.string('0123456789abcdef', n)
      this.identityText = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-${p.string(NAME_ALPHABET, 10)}-${p.string(NAME_ALPHABET, 5)}_${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
    }
    return this.identityText
  }

  reconcile(key: string): ReconcileResult | void {
    const rest = key.slice(key.indexOf('/') + 1)
    return key.startsWith('volume/') ? this.reclaim(key, rest) : this.provision(key, rest)
  }

  private event(
    obj: PersistentVolumeClaim,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.ctx.recorder.record(obj, type, reason, message, { component: this.identity })
  }

  /** Waits out the helper pod: true once `key`'s work is due. */
  private due(key: string): number | true {
    const now = this.ctx.clock.nowMs()
    let at = this.dueAtMs.get(key)
    if (at === undefined)
      this.dueAtMs.set(
        key,
        (at = now + Math.round(this.ctx.prng.jitter(HELPER_POD.baseMs, HELPER_POD.jitterMs))),
      )
    if (now < at) return at - now
    this.dueAtMs.delete(key)
    return true
  }

  private provision(key: string, rest: string): ReconcileResult | void {
    const store = this.ctx.store
    const { namespace, name } = splitNamespacedName(rest)
    const claim = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name)
    const done = () => void this.dueAtMs.delete(key)
    if (!claim || claim.spec.volumeName || claim.metadata.deletionTimestamp) return done()
    if (claim.metadata.annotations?.[ANNOTATION_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER)
      return done()
    const className = claim.spec.storageClassName ?? ''
    const sc = store.get<StorageClass>('StorageClass', undefined, className)
    if (sc?.provisioner !== LOCAL_PATH_PROVISIONER) return done()
    const pvName = `pvc-${claim.metadata.uid}`
    if (store.get('PersistentVolume', undefined, pvName)) return done()
    const failed = this.refusal(claim)
    if (failed) {
      this.event(
        claim,
        'Warning',
        'ProvisioningFailed',
        `failed to provision volume with StorageClass "${className}": ${failed}`,
      )
      return { requeueAfterMs: RESYNC_MS }
    }
    if (!this.dueAtMs.has(key))
      this.event(
        claim,
        'Normal',
        'Provisioning',
        `External provisioner is provisioning volume for claim "${namespace}/${name}"`,
      )
    const wait = this.due(key)
    if (wait !== true) return { requeueAfterMs: wait }
    const nodeName = claim.metadata.annotations![ANNOTATION_SELECTED_NODE]!
    const node = store.get<Node>('Node', undefined, nodeName)
    store.createOwned<PersistentVolume>(
      this.volumeFor(
        claim,
        sc,
        pvName,
        node?.metadata.labels?.['kubernetes.io/hostname'] ?? nodeName,
      ),
    )
    this.event(
      claim,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${pvName}`,
    )
  }

  /** Why this provisioner cannot make a volume for the claim, if it cannot. */
  private refusal(claim: PersistentVolumeClaim): string | undefined {
    if (claim.spec.selector) return 'claim.Spec.Selector is not supported'
    if (!(claim.spec.accessModes ?? []).every((m) => SUPPORTED_MODES.includes(m)))
      return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1 node) access modes'
    if (!claim.metadata.annotations?.[ANNOTATION_SELECTED_NODE])
      return 'configuration error, no node was specified'
    return undefined
  }

  private volumeFor(
    claim: PersistentVolumeClaim,
    sc: StorageClass,
    name: string,
    hostname: string,
  ): PersistentVolume {
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name,
        annotations: {
          'local.path.provisioner/selected-node': hostname,
          [ANNOTATION_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER,
        },
      },
      spec: {
        accessModes: claim.spec.accessModes,
        capacity: { storage: claim.spec.resources?.requests?.storage ?? '0' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: claim.metadata.namespace,
          name: claim.metadata.name,
          uid: claim.metadata.uid,
          resourceVersion: claim.metadata.resourceVersion,
        },
        hostPath: {
          path: `${BASE_PATH}/${name}_${claim.metadata.namespace}_${claim.metadata.name}`,
          type: 'DirectoryOrCreate',
        },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] },
                ],
              },
            ],
          },
        },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    }
  }

  /** A released volume of Delete policy: the helper pod removes its directory, then the volume goes. */
  private reclaim(key: string, name: string): ReconcileResult | void {
    const pv = this.ctx.store.get<PersistentVolume>('PersistentVolume', undefined, name)
    if (
      !pv ||
      pv.status?.phase !== 'Released' ||
      pv.spec.persistentVolumeReclaimPolicy !== 'Delete'
    ) {
      this.dueAtMs.delete(key)
      return
    }
    const wait = this.due(key)
    if (wait !== true) return { requeueAfterMs: wait }
    this.ctx.store.delete({ kind: 'PersistentVolume', name })
  }
}
