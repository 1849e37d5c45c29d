import type { FieldSegment } from '../manifest/locate'
import type { DesiredObject } from '../manifest/types'
import { kindSchema, type KindSchema, type SchemaError } from './schemas'
import { schemaViolations, unknownFieldViolation, type FieldViolation } from './words'

/** A field of a desired object its kind's schema refuses. */
export interface SchemaViolation {
  desired: DesiredObject
  field: FieldSegment[]
  /** `Deployment "web": spec.replicas: Invalid value: …`. */
  message: string
}

/**
 * Checks every object of a built-in kind against the Kubernetes OpenAPI schema:
 * fields the kind does not have, values of the wrong type or format, required
 * fields left out, values outside an enum. Other kinds (custom resources,
 * Drydock's own) are left to the API server's dry run.
 */
export async function validateObjects(
  objects: readonly DesiredObject[],
): Promise<SchemaViolation[]> {
  const schemas = new Map<string, KindSchema | undefined>()
  for (const { object } of objects) {
    const key = `${object.apiVersion}/${object.kind}`
    if (!schemas.has(key)) schemas.set(key, await kindSchema(object.apiVersion, object.kind))
  }
  const out: SchemaViolation[] = []
  for (const desired of objects) {
    const { apiVersion, kind, metadata } = desired.object
    const schema = schemas.get(`${apiVersion}/${kind}`)
    if (!schema) continue
    let found = checked.get(desired.object)
    if (!found) {
      try {
        found = checkObject(desired.object, schema)
      } catch (e) {
        found = [
          { field: [], message: `cannot be checked against its schema: ${(e as Error).message}` },
        ]
      }
      checked.set(desired.object, found)
    }
    for (const v of found)
      out.push({ desired, field: v.field, message: `${kind} "${metadata.name}": ${v.message}` })
  }
  return out
}

/**
 * What each object was found to get wrong. Parsed objects are shared from one
 * commit to the next (the parse cache hands back the same object for a file
 * that did not change) and never changed: a commit checks only what it changed.
 */
const checked = new WeakMap<object, FieldViolation[]>()

/** Unknown fields first, as the API server decodes before it validates. */
function checkObject(obj: unknown, schema: KindSchema): FieldViolation[] {
  const { shapes } = schema
  let unknown = shapes.unknownFields(obj)
  let errors: SchemaError[]
  if (unknown) errors = schema.check(obj)
  else {
    errors = shapes.learn(obj, (watched) => schema.check(watched))
    unknown = shapes.unknownFields(obj, true)!
  }
  return [
    ...unknown.map((field) => unknownFieldViolation(obj, field, shapes)),
    ...schemaViolations(obj, errors, shapes),
  ]
}
