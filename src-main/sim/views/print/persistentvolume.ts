import type { KubeObject } from '../../api/meta'
import { canonicalQuantity } from '../quantity'
import { AGE, NAME, age, printer } from './printer'
import { accessModes, storageClassOf } from './storage'

export interface PersistentVolumeShape extends KubeObject {
  spec: {
    capacity?: { storage?: string }
    accessModes?: string[]
    persistentVolumeReclaimPolicy?: string
    claimRef?: { namespace?: string; name?: string }
    storageClassName?: string
    volumeAttributesClassName?: string
    volumeMode?: string
  }
  status?: { phase?: string; reason?: string; message?: string }
}

/** `printPersistentVolume`. */
export const persistentVolumePrinter = printer<PersistentVolumeShape>(
  [
    NAME,
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'Reclaim Policy' },
    { name: 'Status' },
    { name: 'Claim' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    { name: 'Reason' },
    AGE,
    { name: 'VolumeMode', priority: 1 },
  ],
  (pv, ctx) => {
    const claim = pv.spec.claimRef
    return [
      pv.metadata.name,
      pv.spec.capacity?.storage !== undefined ? canonicalQuantity(pv.spec.capacity.storage) : '0',
      accessModes(pv.spec.accessModes),
      pv.spec.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      claim ? `${claim.namespace ?? ''}/${claim.name ?? ''}` : '',
      storageClassOf(pv),
      pv.spec.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      age(pv, ctx),
      pv.spec.volumeMode ?? '<unset>',
    ]
  },
)
