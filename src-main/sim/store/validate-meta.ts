import type { KubeObject, ObjectMeta, OwnerReference } from '../api/meta'
import { isLabelKey, isLabelValue, maskTrailingDash } from './name-checks'
import { validateName, type FieldError } from './validate'

/**
 * `ValidateObjectMetaAccessor` and `ValidateObjectMetaAccessorUpdate`
 * (`apimachinery/pkg/api/validation/objectmeta.go`): the metadata checks every
 * kind shares, in the API server's order and words.
 */

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024

export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan'
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion'

const goStrings = (values: readonly string[]): { goSyntax: string } => ({
  goSyntax: `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`,
})

function goOwnerReferences(refs: readonly OwnerReference[]): { goSyntax: string } {
  const one = (r: OwnerReference): string =>
    `v1.OwnerReference{APIVersion:${JSON.stringify(r.apiVersion)}, Kind:${JSON.stringify(r.kind)}, Name:${JSON.stringify(r.name)}, UID:${JSON.stringify(r.uid)}, Controller:${r.controller ?? 'nil'}, BlockOwnerDeletion:${r.blockOwnerDeletion ?? 'nil'}}`
  return { goSyntax: `[]v1.OwnerReference{${refs.map(one).join(', ')}}` }
}

function validateGenerateName(kind: string, meta: ObjectMeta): FieldError[] {
  if (!meta.generateName) return []
  return validateName(kind, maskTrailingDash(meta.generateName), 'metadata.generateName').map(
    (e) => ({ ...e, value: meta.generateName }),
  )
}

function validateLabels(labels: Record<string, string> | undefined): FieldError[] {
  const errors: FieldError[] = []
  for (const key of Object.keys(labels ?? {}).sort()) {
    for (const msg of isLabelKey(key))
      errors.push({ field: 'metadata.labels', type: 'Invalid value', value: key, detail: msg })
    for (const msg of isLabelValue(labels![key]!))
      errors.push({
        field: 'metadata.labels',
        type: 'Invalid value',
        value: labels![key],
        detail: msg,
      })
  }
  return errors
}

function validateAnnotations(annotations: Record<string, string> | undefined): FieldError[] {
  const errors: FieldError[] = []
  let size = 0
  for (const key of Object.keys(annotations ?? {}).sort()) {
    // Case does not matter in annotation keys.
    for (const msg of isLabelKey(key.toLowerCase()))
      errors.push({ field: 'metadata.annotations', type: 'Invalid value', value: key, detail: msg })
    size += key.length + String(annotations![key]).length
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    errors.push({
      field: 'metadata.annotations',
      type: 'Too long',
      detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes`,
    })
  }
  return errors
}

function validateOwnerReferences(refs: OwnerReference[] | undefined): FieldError[] {
  const errors: FieldError[] = []
  const path = 'metadata.ownerReferences'
  let firstController = ''
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? ''
    const version = apiVersion.includes('/')
      ? apiVersion.slice(apiVersion.indexOf('/') + 1)
      : apiVersion
    if (version === '') {
      errors.push({
        field: `${path}.apiVersion`,
        type: 'Invalid value',
        value: apiVersion,
        detail: 'version must not be empty',
      })
    }
    for (const field of ['kind', 'name', 'uid'] as const) {
      if (!ref[field])
        errors.push({
          field: `${path}.${field}`,
          type: 'Invalid value',
          value: ref[field] ?? '',
          detail: 'must not be empty',
        })
    }
    if (ref.kind === 'Event' && apiVersion === 'v1') {
      errors.push({
        field: path,
        type: 'Invalid value',
        value: goOwnerReferences([ref]),
        detail: '/v1, Kind=Event is disallowed from being an owner',
      })
    }
    if (ref.controller) {
      const name = `${ref.kind}/${ref.name}`
      if (firstController) {
        errors.push({
          field: path,
          type: 'Invalid value',
          value: goOwnerReferences(refs!),
          detail: `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
        })
      } else firstController = name
    }
  }
  return errors
}

function validateFinalizers(finalizers: string[] | undefined): FieldError[] {
  const errors: FieldError[] = []
  for (const f of finalizers ?? []) {
    for (const msg of isLabelKey(f))
      errors.push({ field: 'metadata.finalizers', type: 'Invalid value', value: f, detail: msg })
  }
  const list = finalizers ?? []
  if (list.includes(FINALIZER_ORPHAN_DEPENDENTS) && list.includes(FINALIZER_DELETE_DEPENDENTS)) {
    errors.push({
      field: 'metadata.finalizers',
      type: 'Invalid value',
      value: goStrings(list),
      detail: `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`,
    })
  }
  return errors
}

/** Everything after the name and namespace checks, shared by create and update. */
export function validateMetadataCommon(meta: ObjectMeta): FieldError[] {
  return [
    ...validateLabels(meta.labels),
    ...validateAnnotations(meta.annotations),
    ...validateOwnerReferences(meta.ownerReferences),
    ...validateFinalizers(meta.finalizers),
  ]
}

/** `ValidateObjectMetaAccessor` on create: generateName, name, namespace, then the rest. */
export function validateMetadataCreate(
  kind: string,
  namespaced: boolean,
  meta: ObjectMeta,
): FieldError[] {
  const errors = validateGenerateName(kind, meta)
  if (typeof meta.name !== 'string' || meta.name === '') {
    // A dry run does not draw a name: the prefix stands for it.
    if (!meta.generateName)
      errors.push({
        field: 'metadata.name',
        type: 'Required value',
        detail: 'name or generateName is required',
      })
  } else errors.push(...validateName(kind, meta.name))
  if (namespaced && meta.namespace !== undefined)
    errors.push(...validateName('Namespace', meta.namespace, 'metadata.namespace'))
  errors.push(...validateMetadataCommon(meta))
  return errors
}

/** `ValidateObjectMetaAccessorUpdate`: no new finalizers while deleting, uid fixed, then the rest. */
export function validateMetadataUpdate(obj: KubeObject, current: KubeObject): FieldError[] {
  const errors: FieldError[] = []
  const meta = obj.metadata
  if (current.metadata.deletionTimestamp) {
    const old = new Set(current.metadata.finalizers ?? [])
    const extra = [...new Set(meta.finalizers ?? [])].filter((f) => !old.has(f)).sort()
    if (extra.length > 0) {
      errors.push({
        field: 'metadata.finalizers',
        type: 'Forbidden',
        detail: `no new finalizers can be added if the object is being deleted, found new finalizers ${goStrings(extra).goSyntax}`,
      })
    }
  }
  if (meta.uid !== undefined && meta.uid !== current.metadata.uid) {
    errors.push({
      field: 'metadata.uid',
      type: 'Invalid value',
      value: meta.uid,
      detail: 'field is immutable',
    })
  }
  errors.push(...validateMetadataCommon(meta))
  return errors
}
