import type { KubeObject } from '../api/meta'
import type { Prng } from '../kernel/prng'
import { DefaultIngressClass } from './networking/admission'
import { ServiceAllocator } from './service/allocation'
import { ClaimAdmission, VolumeAdmission } from './storage/admission'
import type { ObjectStore } from './store'
import type { FieldError } from './validate'

/**
 * An admission plugin or registry allocator for one kind: it may complete the
 * object it is given (a private copy the store is about to keep) and returns
 * the field errors that refuse it. `dryRun` takes nothing for good.
 */
export interface Admission {
  admitCreate?(obj: KubeObject, dryRun: boolean): FieldError[]
  admitUpdate?(obj: KubeObject, old: KubeObject, dryRun: boolean): FieldError[]
}

/** The plugins a cluster runs, by the kind they admit. */
export function clusterAdmissions(store: ObjectStore, prng: Prng): ReadonlyMap<string, Admission> {
  return new Map<string, Admission>([
    ['Service', new ServiceAllocator(store, prng)],
    ['Ingress', new DefaultIngressClass(store)],
    ['PersistentVolumeClaim', new ClaimAdmission(store)],
    ['PersistentVolume', new VolumeAdmission()],
  ])
}
