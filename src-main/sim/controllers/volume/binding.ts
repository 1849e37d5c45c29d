import {
  ANNOTATION_BIND_COMPLETED,
  ANNOTATION_BOUND_BY_CONTROLLER,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type VolumePhase,
} from '../../api/storage'
import type { PersistentVolumeClaimPhase as ClaimPhase } from '../../api/persistent-volume-claim'
import { toRfc3339 } from '../../kernel/time'
import type { ObjectStore } from '../../store/store'

/**
 * The writes that bind a volume and a claim to each other (`bind`,
 * `bindVolumeToClaim`, `bindClaimToVolume` in `pv_controller.go`), each
 * skipped when already done, so that running them again writes nothing.
 */

export function setVolumePhase(
  store: ObjectStore,
  pv: PersistentVolume,
  phase: VolumePhase,
  nowMs: number,
): PersistentVolume {
  if (pv.status?.phase === phase) return pv
  return store.updateStatus<PersistentVolume>({
    ...pv,
    metadata: { ...pv.metadata, resourceVersion: undefined },
    status: { phase, lastPhaseTransitionTime: toRfc3339(nowMs) },
  })
}

export function setClaimPhase(
  store: ObjectStore,
  claim: PersistentVolumeClaim,
  phase: ClaimPhase,
  volume?: PersistentVolume,
): PersistentVolumeClaim {
  const status: PersistentVolumeClaim['status'] =
    phase === 'Bound' && volume
      ? { phase, accessModes: volume.spec.accessModes, capacity: volume.spec.capacity }
      : { phase }
  return store.updateStatus<PersistentVolumeClaim>({
    ...claim,
    metadata: { ...claim.metadata, resourceVersion: undefined },
    status,
  })
}

/** The volume names the claim in `claimRef`; a controller that does so says it did. */
function bindVolumeToClaim(
  store: ObjectStore,
  pv: PersistentVolume,
  claim: PersistentVolumeClaim,
): PersistentVolume {
  const ref = pv.spec.claimRef
  if (ref?.uid === claim.metadata.uid && ref?.name === claim.metadata.name) return pv
  return store.updateOwned<PersistentVolume>({
    ...pv,
    metadata: {
      ...pv.metadata,
      annotations: { ...pv.metadata.annotations, [ANNOTATION_BOUND_BY_CONTROLLER]: 'yes' },
    },
    spec: {
      ...pv.spec,
      claimRef: {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata.resourceVersion,
      },
    },
  })
}

function bindClaimToVolume(
  store: ObjectStore,
  claim: PersistentVolumeClaim,
  pv: PersistentVolume,
): PersistentVolumeClaim {
  const annotations = claim.metadata.annotations ?? {}
  const boundByUs = !claim.spec.volumeName
  if (
    claim.spec.volumeName === pv.metadata.name &&
    annotations[ANNOTATION_BIND_COMPLETED] === 'yes'
  )
    return claim
  return store.updateOwned<PersistentVolumeClaim>({
    ...claim,
    metadata: {
      ...claim.metadata,
      annotations: {
        ...annotations,
        [ANNOTATION_BIND_COMPLETED]: 'yes',
        ...(boundByUs ? { [ANNOTATION_BOUND_BY_CONTROLLER]: 'yes' } : {}),
      },
    },
    spec: { ...claim.spec, volumeName: pv.metadata.name },
  })
}

/** Binds both sides and marks both Bound. */
export function bind(
  store: ObjectStore,
  pv: PersistentVolume,
  claim: PersistentVolumeClaim,
  nowMs: number,
): void {
  const volume = setVolumePhase(store, bindVolumeToClaim(store, pv, claim), 'Bound', nowMs)
  const bound = bindClaimToVolume(store, claim, volume)
  if (bound.status?.phase !== 'Bound' || bound.status.capacity === undefined)
    setClaimPhase(store, bound, 'Bound', volume)
}
