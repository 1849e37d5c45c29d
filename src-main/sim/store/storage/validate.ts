import type { KubeObject } from '../../api/meta'
import { parseQuantity } from '../../api/quantity'
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/storage'
import { deepEqual } from '../equality'
import {
  forbidden,
  go,
  invalid,
  invalidEach,
  isDns1123Subdomain,
  isQualifiedName,
  key,
  notSupported,
  required,
} from '../field-checks'
import type { FieldError } from '../validate'

/**
 * Validation of StorageClasses (`pkg/apis/storage/validation`) and of
 * PersistentVolumes and their claims (`pkg/apis/core/validation`).
 */

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']
const VOLUME_MODES = ['Block', 'Filesystem']

function accessModeErrors(modes: unknown, at: string, detail: string): FieldError[] {
  if (!Array.isArray(modes) || modes.length === 0) return [required(at, detail)]
  const errors: FieldError[] = []
  for (const mode of modes)
    if (!ACCESS_MODES.includes(String(mode))) errors.push(notSupported(at, mode, ACCESS_MODES))
  if (modes.includes('ReadWriteOncePod') && modes.length > 1)
    errors.push(forbidden(at, 'may not use ReadWriteOncePod with other access modes'))
  return errors
}

/** `ValidatePositiveQuantityValue`, and the decoder's refusal of a malformed one. */
function quantityErrors(value: unknown, at: string): FieldError[] {
  let amount: number
  try {
    amount = parseQuantity(value as string | number)
  } catch (e) {
    return [invalid(at, value, (e as Error).message)]
  }
  return amount > 0 ? [] : [invalid(at, String(value), 'must be greater than zero')]
}

function classNameErrors(name: string | undefined, at: string): FieldError[] {
  return name ? invalidEach(at, name, isDns1123Subdomain(name)) : []
}

export function validatePersistentVolumeClaim(obj: KubeObject): FieldError[] {
  const spec = (obj as PersistentVolumeClaim).spec
  if (!spec || typeof spec !== 'object') return [required('spec')]
  const errors = accessModeErrors(
    spec.accessModes,
    'spec.accessModes',
    'at least 1 access mode is required',
  )
  const storage = spec.resources?.requests?.storage
  const at = key('spec.resources', 'storage')
  if (storage === undefined) errors.push(required(at))
  else errors.push(...quantityErrors(storage, at))
  errors.push(...classNameErrors(spec.storageClassName, 'spec.storageClassName'))
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode))
    errors.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES))
  return errors
}

/**
 * `ValidatePersistentVolumeClaimUpdate`: a claim's spec is fixed once created,
 * but for growing the request of a bound claim and for the binder filling in
 * `volumeName`.
 */
export function validatePersistentVolumeClaimUpdate(
  obj: KubeObject,
  old: KubeObject,
): FieldError[] {
  const next = obj as PersistentVolumeClaim
  const prev = old as PersistentVolumeClaim
  const comparable = { ...prev.spec }
  if (!prev.spec.volumeName) comparable.volumeName = next.spec?.volumeName
  if (prev.status?.phase === 'Bound') comparable.resources = next.spec?.resources
  if (deepEqual(comparable, next.spec)) return []
  return [
    forbidden(
      'spec',
      'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ),
  ]
}

/** The volume sources a PersistentVolume may name; exactly one of them. */
const VOLUME_SOURCES = [
  'hostPath',
  'local',
  'nfs',
  'csi',
  'iscsi',
  'fc',
  'cephfs',
  'rbd',
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'cinder',
  'flexVolume',
  'glusterfs',
  'portworxVolume',
  'quobyte',
  'scaleIO',
  'storageos',
  'vsphereVolume',
  'photonPersistentDisk',
] as const

export function validatePersistentVolume(obj: KubeObject): FieldError[] {
  const spec = (obj as PersistentVolume).spec
  if (!spec || typeof spec !== 'object') return [required('spec')]
  const errors = accessModeErrors(spec.accessModes, 'spec.accessModes', '')
  const capacity = spec.capacity ?? {}
  const names = Object.keys(capacity)
  if (names.length === 0) errors.push(required('spec.capacity'))
  if (!('storage' in capacity) || names.length > 1)
    errors.push(
      notSupported(
        'spec.capacity',
        go(names.length === 0 ? 'core.ResourceList(nil)' : 'core.ResourceList{…}'),
        ['storage'],
      ),
    )
  for (const name of names)
    errors.push(...quantityErrors(capacity[name], key('spec.capacity', name)))
  errors.push(...classNameErrors(spec.storageClassName, 'spec.storageClassName'))
  const policy = spec.persistentVolumeReclaimPolicy
  if (policy !== undefined && !['Delete', 'Recycle', 'Retain'].includes(policy))
    errors.push(
      notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']),
    )
  const sources = VOLUME_SOURCES.filter((s) => (spec as Record<string, unknown>)[s] !== undefined)
  if (sources.length === 0) errors.push(required('spec', 'must specify a volume type'))
  for (const extra of sources.slice(1))
    errors.push(forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'))
  return errors
}

export function validateStorageClass(obj: KubeObject): FieldError[] {
  const sc = obj as StorageClass
  const errors: FieldError[] = []
  if (!sc.provisioner) errors.push(required('provisioner'))
  else
    errors.push(
      ...invalidEach('provisioner', sc.provisioner, isQualifiedName(sc.provisioner.toLowerCase())),
    )
  if (sc.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(sc.reclaimPolicy))
    errors.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']))
  if (sc.volumeBindingMode === undefined) errors.push(required('volumeBindingMode'))
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode))
    errors.push(
      notSupported('volumeBindingMode', sc.volumeBindingMode, [
        'Immediate',
        'WaitForFirstConsumer',
      ]),
    )
  return errors
}

export function validateStorageClassUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as StorageClass
  const prev = old as StorageClass
  const errors: FieldError[] = []
  if (!deepEqual(next.parameters ?? {}, prev.parameters ?? {}))
    errors.push(forbidden('parameters', 'updates to parameters are forbidden.'))
  if (next.provisioner !== prev.provisioner)
    errors.push(forbidden('provisioner', 'updates to provisioner are forbidden.'))
  if (next.reclaimPolicy !== prev.reclaimPolicy)
    errors.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'))
  if (next.volumeBindingMode !== prev.volumeBindingMode)
    errors.push(invalid('volumeBindingMode', next.volumeBindingMode ?? '', 'field is immutable'))
  return errors
}
