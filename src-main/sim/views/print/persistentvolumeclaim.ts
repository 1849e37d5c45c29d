import type { KubeObject } from '../../api/meta'
import { canonicalQuantity } from '../quantity'
import { AGE, NAME, age, printer } from './printer'
import { accessModes, storageClassOf } from './storage'

export interface PersistentVolumeClaimShape extends KubeObject {
  spec: {
    volumeName?: string
    storageClassName?: string
    volumeAttributesClassName?: string
    volumeMode?: string
    accessModes?: string[]
    resources?: { requests?: { storage?: string } }
  }
  status?: { phase?: string; capacity?: { storage?: string }; accessModes?: string[] }
}

/** CAPACITY and ACCESS MODES are the bound volume's, so empty until bound. */
export function claimCapacity(pvc: PersistentVolumeClaimShape): [string, string] {
  if (!pvc.spec.volumeName) return ['', '']
  const storage = pvc.status?.capacity?.storage
  return [
    storage !== undefined ? canonicalQuantity(storage) : '0',
    accessModes(pvc.status?.accessModes),
  ]
}

/** `printPersistentVolumeClaim`. */
export const persistentVolumeClaimPrinter = printer<PersistentVolumeClaimShape>(
  [
    NAME,
    { name: 'Status' },
    { name: 'Volume' },
    { name: 'Capacity' },
    { name: 'Access Modes' },
    { name: 'StorageClass' },
    { name: 'VolumeAttributesClass' },
    AGE,
    { name: 'VolumeMode', priority: 1 },
  ],
  (pvc, ctx) => {
    const [capacity, modes] = claimCapacity(pvc)
    return [
      pvc.metadata.name,
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec.volumeName ?? '',
      capacity,
      modes,
      storageClassOf(pvc),
      pvc.spec.volumeAttributesClassName ?? '<unset>',
      age(pvc, ctx),
      pvc.spec.volumeMode ?? '<unset>',
    ]
  },
)
