import type { FieldSegment } from '../manifest/locate'
import type { FieldShapes } from './field-shapes'
import type { SchemaError } from './schemas'

/** One thing wrong with one field of an object, in the API server's words. */
export interface FieldViolation {
  field: FieldSegment[]
  message: string
}

/**
 * `resource.Quantity`'s own words when a string is not a quantity
 * (apimachinery `ErrFormatWrong`).
 */
const QUANTITY_WORDS =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

/** The JSON type name kube-openapi uses for a value. */
function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** The value as `field.Error` prints it; a whole object or list by its type. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value)
  return JSON.stringify(jsonType(value))
}

function pointerSegments(obj: unknown, pointer: string): FieldSegment[] {
  if (pointer === '') return []
  const out: FieldSegment[] = []
  let value = obj
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    const segment = Array.isArray(value) ? Number(key) : key
    out.push(segment)
    value = value !== null && typeof value === 'object' ? (value as never)[segment] : undefined
  }
  return out
}

function valueAt(obj: unknown, path: readonly FieldSegment[]): unknown {
  let value = obj
  for (const segment of path)
    value = value !== null && typeof value === 'object' ? (value as never)[segment] : undefined
  return value
}

/**
 * Ajv's findings for one object, grouped by field, worded as the API server
 * words them: `Required value`, `Unsupported value: …: supported values: …`,
 * and for a value of the wrong type or format kube-openapi's
 * `… in body must be of type integer: "string"` (what the API server says of a
 * custom resource's fields; a built-in kind's decoder says the same in Go's
 * terms, `cannot unmarshal string into Go struct field …`).
 */
export function schemaViolations(
  obj: unknown,
  errors: readonly SchemaError[],
  shapes: FieldShapes,
): FieldViolation[] {
  const byPath = new Map<string, SchemaError[]>()
  const out: FieldViolation[] = []
  for (const error of errors) {
    if (error.keyword === 'required') {
      const field = [
        ...pointerSegments(obj, error.instancePath),
        String(error.params.missingProperty),
      ]
      // The API server takes status only through the status subresource and
      // resets it on create: a field missing there is never refused.
      if (field[0] === 'status') continue
      out.push({ field, message: `${shapes.format(obj, field)}: Required value` })
      continue
    }
    const group = byPath.get(error.instancePath)
    if (group) group.push(error)
    else byPath.set(error.instancePath, [error])
  }
  for (const [pointer, group] of byPath) {
    const field = pointerSegments(obj, pointer)
    const message = describe(shapes.format(obj, field), valueAt(obj, field), group)
    if (message) out.push({ field, message })
  }
  return out
}

function describe(path: string, value: unknown, group: readonly SchemaError[]): string | undefined {
  const invalid = (detail: string): string => `${path}: Invalid value: ${shown(value)}: ${detail}`
  const format = group.find((e) => e.keyword === 'format')
  const types = group.filter((e) => e.keyword === 'type').map((e) => String(e.params.type))
  // Of a value offered two types (int-or-string, quantity), a string of the wrong form.
  if (format && (types.length === 0 || typeof value === 'string')) {
    const name = String(format.params.format)
    if (name === 'quantity') return invalid(QUANTITY_WORDS)
    return invalid(`${path} in body must be of type ${name}: "${String(value)}"`)
  }
  if (types.length > 0) {
    const expected = [...new Set(types)].sort().join(',')
    return invalid(`${path} in body must be of type ${expected}: "${jsonType(value)}"`)
  }
  const enumError = group.find((e) => e.keyword === 'enum')
  // A null decodes as the field left out, which the defaults then fill.
  if (enumError && value === null) return undefined
  if (enumError) {
    const allowed = (enumError.params.allowedValues as unknown[]) ?? []
    const supported = allowed.map((v) => JSON.stringify(String(v))).join(', ')
    return `${path}: Unsupported value: ${shown(value)}: supported values: ${supported}`
  }
  return invalid(`${path} in body fails the schema's ${group[0]!.keyword} rule`)
}

/** The API server's strict decoding refusal of a field its type does not have. */
export function unknownFieldViolation(
  obj: unknown,
  field: FieldSegment[],
  shapes: FieldShapes,
): FieldViolation {
  return { field, message: `strict decoding error: unknown field "${shapes.format(obj, field)}"` }
}
