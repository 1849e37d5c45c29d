import type { KubeObject } from '../../api/meta'
import {
  ANNOTATION_DEFAULT_CLASS,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../api/storage'
import type { Admission } from '../admission'
import type { ObjectStore } from '../store'
import type { FieldError } from '../validate'

/**
 * The default class, as the DefaultStorageClass admission plugin and the PV
 * controller's retroactive assignment choose it: among the classes annotated
 * default, the newest (then the first by name).
 */
export function defaultStorageClass(store: ObjectStore): StorageClass | undefined {
  let best: StorageClass | undefined
  for (const sc of store.list<StorageClass>('StorageClass')) {
    if (sc.metadata.annotations?.[ANNOTATION_DEFAULT_CLASS] !== 'true') continue
    const newer =
      !best ||
      (sc.metadata.creationTimestamp ?? '') > (best.metadata.creationTimestamp ?? '') ||
      ((sc.metadata.creationTimestamp ?? '') === (best.metadata.creationTimestamp ?? '') &&
        sc.metadata.name < best.metadata.name)
    if (newer) best = sc
  }
  return best
}

/**
 * A claim created without `storageClassName` gets the default class. On update,
 * what the binder wrote (`volumeName`) and the class it was given are kept when
 * a manifest applied again leaves them out, as `kubectl apply`'s merge keeps them.
 */
export class ClaimAdmission implements Admission {
  constructor(private readonly store: ObjectStore) {}

  admitCreate(obj: KubeObject): FieldError[] {
    const claim = obj as PersistentVolumeClaim
    if (!claim.spec || typeof claim.spec !== 'object') return []
    if (claim.spec.storageClassName === undefined) {
      const sc = defaultStorageClass(this.store)
      if (sc) claim.spec.storageClassName = sc.metadata.name
    }
    return []
  }

  admitUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const claim = obj as PersistentVolumeClaim
    const prev = (old as PersistentVolumeClaim).spec
    if (!claim.spec || typeof claim.spec !== 'object') return []
    if (!claim.spec.volumeName && prev.volumeName) claim.spec.volumeName = prev.volumeName
    if (claim.spec.storageClassName === undefined && prev.storageClassName !== undefined)
      claim.spec.storageClassName = prev.storageClassName
    return []
  }
}

/** A volume applied again without the `claimRef` the binder wrote keeps it, as `kubectl apply`'s merge does. */
export class VolumeAdmission implements Admission {
  admitUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const pv = obj as PersistentVolume
    const prev = (old as PersistentVolume).spec
    if (pv.spec && typeof pv.spec === 'object' && !pv.spec.claimRef && prev.claimRef)
      pv.spec.claimRef = prev.claimRef
    return []
  }
}
