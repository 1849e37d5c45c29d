import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'
import { isDefaultStorageClass } from './storage'

export interface StorageClassShape extends KubeObject {
  provisioner?: string
  reclaimPolicy?: string
  volumeBindingMode?: string
  allowVolumeExpansion?: boolean
  parameters?: Record<string, string>
  mountOptions?: string[]
}

/** `printStorageClass`: the default class is named `standard (default)`. */
export const storageClassPrinter = printer<StorageClassShape>(
  [
    NAME,
    { name: 'Provisioner' },
    { name: 'ReclaimPolicy' },
    { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' },
    AGE,
  ],
  (sc, ctx) => [
    isDefaultStorageClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name,
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    age(sc, ctx),
  ],
)
