import {
  isCrdConditionTrue,
  type CustomResourceDefinition,
  type CustomResourceDefinitionVersion,
  type JSONSchemaProps,
} from '../api/apiextensions'
import type { KubeObject } from '../api/meta'
import { isDNS1035Label, isDNS1123Subdomain } from './name-checks'
import type { FieldError } from './validate'

/**
 * `apiextensions/validation`: what the API server refuses in a
 * CustomResourceDefinition (v1), and the defaults v1 fills in first.
 */

/** `SetDefaults_CustomResourceDefinitionSpec`. */
export function defaultCrd(obj: KubeObject): void {
  const spec = (obj as CustomResourceDefinition).spec
  if (!spec || typeof spec !== 'object') return
  const names = spec.names
  if (names && typeof names === 'object' && typeof names.kind === 'string') {
    if (!names.singular) names.singular = names.kind.toLowerCase()
    if (!names.listKind && names.kind) names.listKind = `${names.kind}List`
  }
  spec.conversion ??= { strategy: 'None' }
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) if (v && typeof v === 'object') v.served ??= false
  }
}

const goVersions = (
  versions: readonly CustomResourceDefinitionVersion[],
): { goSyntax: string } => ({
  goSyntax: `[]apiextensions.CustomResourceDefinitionVersion{${versions
    .map(
      (v) =>
        `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v?.name ?? '')}, Served:${Boolean(v?.served)}, Storage:${Boolean(v?.storage)}}`,
    )
    .join(', ')}}`,
})

function checkNames(
  names: Partial<CustomResourceDefinition['spec']['names']>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = []
  const dns1035 = (value: unknown, field: string, prefix = ''): void => {
    if (typeof value !== 'string' || value === '') return
    const msgs = isDNS1035Label(prefix ? value.toLowerCase() : value)
    if (msgs.length > 0)
      errors.push({ field, type: 'Invalid value', value, detail: prefix + msgs.join(',') })
  }
  dns1035(names.plural, `${path}.plural`)
  dns1035(names.singular, `${path}.singular`)
  const mixed = 'may have mixed case, but should otherwise match: '
  dns1035(names.kind, `${path}.kind`, mixed)
  dns1035(names.listKind, `${path}.listKind`, mixed)
  ;(names.shortNames ?? []).forEach((s, i) => dns1035(s, `${path}.shortNames[${i}]`))
  if (names.kind && names.kind === names.listKind) {
    errors.push({
      field: `${path}.listKind`,
      type: 'Invalid value',
      value: names.listKind,
      detail: 'kind and listKind may not be the same',
    })
  }
  return errors
}

/** The structural-schema rules v1 enforces: a type everywhere, `object` at the root. */
function checkSchema(schema: JSONSchemaProps, path: string, root: boolean): FieldError[] {
  const errors: FieldError[] = []
  if (root && !schema.type) {
    errors.push({
      field: `${path}.type`,
      type: 'Required value',
      detail: 'must not be empty at the root',
    })
  } else if (root && schema.type !== 'object') {
    errors.push({
      field: `${path}.type`,
      type: 'Invalid value',
      value: schema.type,
      detail: 'must be object at the root',
    })
  }
  for (const [name, property] of Object.entries(schema.properties ?? {}).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const at = `${path}.properties[${name}]`
    if (!property || typeof property !== 'object') continue
    if (
      !property.type &&
      !property['x-kubernetes-int-or-string'] &&
      !property['x-kubernetes-preserve-unknown-fields']
    )
      errors.push({
        field: `${at}.type`,
        type: 'Required value',
        detail: 'must not be empty for specified object fields',
      })
    errors.push(...checkSchema(property, at, false))
  }
  if (schema.items && typeof schema.items === 'object') {
    const items = schema.items
    if (
      !items.type &&
      !items['x-kubernetes-int-or-string'] &&
      !items['x-kubernetes-preserve-unknown-fields']
    )
      errors.push({
        field: `${path}.items.type`,
        type: 'Required value',
        detail: 'must not be empty for specified array items',
      })
    errors.push(...checkSchema(items, `${path}.items`, false))
  }
  return errors
}

function checkVersions(versions: unknown, path: string): FieldError[] {
  if (!Array.isArray(versions)) return [{ field: path, type: 'Required value' }]
  const errors: FieldError[] = []
  const seen = new Set<string>()
  let unique = true
  let storage = 0
  versions.forEach((v: CustomResourceDefinitionVersion, i) => {
    if (v?.storage) storage++
    const name = typeof v?.name === 'string' ? v.name : ''
    if (seen.has(name)) unique = false
    seen.add(name)
    const msgs = isDNS1035Label(name)
    if (msgs.length > 0)
      errors.push({
        field: `${path}[${i}].name`,
        type: 'Invalid value',
        value: name,
        detail: msgs.join(','),
      })
    const schema = v?.schema?.openAPIV3Schema
    if (!schema || typeof schema !== 'object') {
      errors.push({
        field: `${path}[${i}].schema.openAPIV3Schema`,
        type: 'Required value',
        detail: 'schemas are required',
      })
    } else errors.push(...checkSchema(schema, `${path}[${i}].schema.openAPIV3Schema`, true))
  })
  if (!unique)
    errors.push({
      field: path,
      type: 'Invalid value',
      value: goVersions(versions),
      detail: 'must contain unique version names',
    })
  if (storage !== 1) {
    errors.push({
      field: path,
      type: 'Invalid value',
      value: goVersions(versions),
      detail: 'must have exactly one version marked as storage version',
    })
  }
  return errors
}

/** `ValidateCustomResourceDefinition` (metadata.name and spec). */
export function validateCrd(obj: KubeObject): FieldError[] {
  const crd = obj as CustomResourceDefinition
  const spec = crd.spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors: FieldError[] = []
  const names = (spec.names ?? {}) as Partial<CustomResourceDefinition['spec']['names']>
  if (crd.metadata.name !== `${names.plural}.${spec.group}`) {
    errors.push({
      field: 'metadata.name',
      type: 'Invalid value',
      value: crd.metadata.name,
      detail: 'must be spec.names.plural+"."+spec.group',
    })
  }
  if (!spec.group) errors.push({ field: 'spec.group', type: 'Required value' })
  else {
    const msgs = isDNS1123Subdomain(spec.group)
    if (msgs.length > 0)
      errors.push({
        field: 'spec.group',
        type: 'Invalid value',
        value: spec.group,
        detail: msgs.join(','),
      })
    else if (spec.group.split('.').length < 2) {
      errors.push({
        field: 'spec.group',
        type: 'Invalid value',
        value: spec.group,
        detail: 'should be a domain with at least one dot',
      })
    }
  }
  if (!spec.scope) errors.push({ field: 'spec.scope', type: 'Required value' })
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') {
    errors.push({
      field: 'spec.scope',
      type: 'Unsupported value',
      value: spec.scope,
      detail: 'supported values: "Cluster", "Namespaced"',
    })
  }
  errors.push(...checkVersions(spec.versions, 'spec.versions'))
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) {
    if (!names[field]) errors.push({ field: `spec.names.${field}`, type: 'Required value' })
  }
  errors.push(...checkNames(names, 'spec.names'))
  return errors
}

const immutable = (value: unknown, field: string): FieldError => ({
  field,
  type: 'Invalid value',
  value,
  detail: 'field is immutable',
})

/** `ValidateCustomResourceDefinitionSpecUpdate`: what cannot change once stored (or once established). */
export function validateCrdUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = (obj as CustomResourceDefinition).spec
  const prev = (old as CustomResourceDefinition).spec
  const errors: FieldError[] = []
  if (isCrdConditionTrue(old as CustomResourceDefinition, 'Established')) {
    if (next.scope !== prev.scope) errors.push(immutable(next.scope, 'spec.scope'))
    if (next.names?.kind !== prev.names.kind)
      errors.push(immutable(next.names?.kind, 'spec.names.kind'))
  }
  if (next.group !== prev.group) errors.push(immutable(next.group, 'spec.group'))
  if (next.names?.plural !== prev.names.plural)
    errors.push(immutable(next.names?.plural, 'spec.names.plural'))
  return errors
}
