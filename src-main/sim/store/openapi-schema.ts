import type { JSONSchemaProps } from '../api/apiextensions'
import type { KubeObject } from '../api/meta'
import type { FieldError } from './validate'

/**
 * A custom resource checked against its CRD's structural schema as the
 * apiextensions-apiserver does it: unknown fields pruned, then type, required,
 * enum and the simple bounds, each error worded as kube-openapi words it and
 * turned into a field error (`kubeOpenAPIErrorToFieldError`).
 */

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null'

function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'string':
      return 'string'
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number'
    case 'boolean':
      return 'boolean'
    default:
      return 'object'
  }
}

const child = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`)

const preserves = (schema: JSONSchemaProps): boolean =>
  schema['x-kubernetes-preserve-unknown-fields'] === true

/** Drops the fields the schema does not know, in place (the object is the store's private copy). */
function prune(value: unknown, schema: JSONSchemaProps, root: boolean): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) prune(item, schema.items, false)
    return
  }
  if (!value || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  const additional = schema.additionalProperties
  for (const key of Object.keys(record)) {
    if (root && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue
    const property = schema.properties?.[key]
    if (property) prune(record[key], property, false)
    else if (additional && typeof additional === 'object') prune(record[key], additional, false)
    else if (additional !== true && !preserves(schema)) delete record[key]
  }
}

function typeMatches(schema: JSONSchemaProps, actual: JsonType): boolean {
  if (schema['x-kubernetes-int-or-string']) return actual === 'integer' || actual === 'string'
  if (!schema.type) return true
  if (schema.type === 'number') return actual === 'number' || actual === 'integer'
  return schema.type === actual
}

function expectedType(schema: JSONSchemaProps): string {
  return schema['x-kubernetes-int-or-string'] ? 'integer,string' : String(schema.type)
}

function checkBounds(value: unknown, schema: JSONSchemaProps, path: string): FieldError[] {
  const errors: FieldError[] = []
  const invalid = (detail: string): void => {
    errors.push({ field: path, type: 'Invalid value', value, detail: `${path} in body ${detail}` })
  }
  if (
    schema.enum &&
    !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))
  ) {
    const supported = schema.enum
      .map((v) => JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v)))
      .join(', ')
    errors.push({
      field: path,
      type: 'Unsupported value',
      value,
      detail: `supported values: ${supported}`,
    })
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined) {
      if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)
        invalid(
          `should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`,
        )
    }
    if (schema.maximum !== undefined) {
      if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)
        invalid(
          `should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`,
        )
    }
  }
  if (typeof value === 'string') {
    const length = [...value].length
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      errors.push({
        field: path,
        type: 'Too long',
        detail: `may not be longer than ${schema.maxLength}`,
      })
    }
    if (schema.minLength !== undefined && length < schema.minLength)
      invalid(`should be at least ${schema.minLength} chars long`)
    if (schema.pattern !== undefined && !safeRegExp(schema.pattern)?.test(value))
      invalid(`should match '${schema.pattern}'`)
  }
  return errors
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u')
  } catch {
    return undefined
  }
}

function check(value: unknown, schema: JSONSchemaProps, path: string, root: boolean): FieldError[] {
  const actual = jsonType(value)
  if (actual === 'null' && schema.nullable) return []
  if (!typeMatches(schema, actual)) {
    return [
      {
        field: path,
        type: 'Invalid value',
        value: actual,
        detail: `${path} in body must be of type ${expectedType(schema)}: "${actual}"`,
      },
    ]
  }
  const errors = checkBounds(value, schema, path)
  if (actual === 'array' && schema.items) {
    ;(value as unknown[]).forEach((item, i) =>
      errors.push(...check(item, schema.items!, `${path}[${i}]`, false)),
    )
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>
    for (const key of schema.required ?? []) {
      if (record[key] === undefined)
        errors.push({ field: child(path, key), type: 'Required value' })
    }
    const additional = schema.additionalProperties
    for (const key of Object.keys(record).sort()) {
      if (root && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue
      const property =
        schema.properties?.[key] ?? (typeof additional === 'object' ? additional : undefined)
      if (property && record[key] !== undefined)
        errors.push(...check(record[key], property, child(path, key), false))
    }
  }
  return errors
}

/**
 * Prunes and validates a custom resource in place. Status is left out when the
 * status subresource owns it (it is checked when the status is written).
 */
export function validateCustomResource(
  obj: KubeObject,
  schema: JSONSchemaProps | undefined,
  options: { prune: boolean },
): FieldError[] {
  if (!schema) return []
  if (options.prune) prune(obj, schema, true)
  return check(obj, schema, '', true)
}
