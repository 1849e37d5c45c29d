/**
 * The JSON decoding of a CustomResourceDefinition (`apiextensions.k8s.io/v1`)
 * before it is validated: each field must have its Go type, down through the
 * OpenAPI schema of every version. The built-in kinds' table (`decode.ts`)
 * cannot serve here: a schema's property may be named anything, `replicas` included.
 */

type Shape =
  | 'string'
  | 'bool'
  | 'float64'
  | 'int32'
  | 'int64'
  | 'json'
  | 'schemaOrBool'
  | 'schemaOrArray'
  | { struct: string; fields: () => Readonly<Record<string, Shape>> }
  | { list: Shape; of: string }
  | { map: Shape; of: string }

const strings: Shape = { list: 'string', of: 'string' }

const schema: Shape = {
  struct: 'v1.JSONSchemaProps',
  fields: () => schemaFields,
}

const schemaFields: Readonly<Record<string, Shape>> = {
  id: 'string',
  $schema: 'string',
  $ref: 'string',
  description: 'string',
  type: 'string',
  format: 'string',
  title: 'string',
  pattern: 'string',
  default: 'json',
  example: 'json',
  maximum: 'float64',
  minimum: 'float64',
  multipleOf: 'float64',
  exclusiveMaximum: 'bool',
  exclusiveMinimum: 'bool',
  uniqueItems: 'bool',
  nullable: 'bool',
  maxLength: 'int64',
  minLength: 'int64',
  maxItems: 'int64',
  minItems: 'int64',
  maxProperties: 'int64',
  minProperties: 'int64',
  enum: { list: 'json', of: 'v1.JSON' },
  required: strings,
  items: 'schemaOrArray',
  allOf: { list: schema, of: 'v1.JSONSchemaProps' },
  oneOf: { list: schema, of: 'v1.JSONSchemaProps' },
  anyOf: { list: schema, of: 'v1.JSONSchemaProps' },
  not: schema,
  properties: { map: schema, of: 'v1.JSONSchemaProps' },
  patternProperties: { map: schema, of: 'v1.JSONSchemaProps' },
  definitions: { map: schema, of: 'v1.JSONSchemaProps' },
  additionalProperties: 'schemaOrBool',
  additionalItems: 'schemaOrBool',
  'x-kubernetes-preserve-unknown-fields': 'bool',
  'x-kubernetes-embedded-resource': 'bool',
  'x-kubernetes-int-or-string': 'bool',
  'x-kubernetes-list-map-keys': strings,
  'x-kubernetes-list-type': 'string',
  'x-kubernetes-map-type': 'string',
}

const columns: Readonly<Record<string, Shape>> = {
  name: 'string',
  type: 'string',
  format: 'string',
  description: 'string',
  priority: 'int32',
  jsonPath: 'string',
}

const version: Readonly<Record<string, Shape>> = {
  name: 'string',
  served: 'bool',
  storage: 'bool',
  deprecated: 'bool',
  deprecationWarning: 'string',
  schema: {
    struct: 'v1.CustomResourceValidation',
    fields: () => ({ openAPIV3Schema: schema }),
  },
  subresources: {
    struct: 'v1.CustomResourceSubresources',
    fields: () => ({
      status: { struct: 'v1.CustomResourceSubresourceStatus', fields: () => ({}) },
      scale: {
        struct: 'v1.CustomResourceSubresourceScale',
        fields: () => ({
          specReplicasPath: 'string',
          statusReplicasPath: 'string',
          labelSelectorPath: 'string',
        }),
      },
    }),
  },
  additionalPrinterColumns: {
    list: { struct: 'v1.CustomResourceColumnDefinition', fields: () => columns },
    of: 'v1.CustomResourceColumnDefinition',
  },
}

const spec: Shape = {
  struct: 'v1.CustomResourceDefinitionSpec',
  fields: () => ({
    group: 'string',
    scope: 'string',
    preserveUnknownFields: 'bool',
    names: {
      struct: 'v1.CustomResourceDefinitionNames',
      fields: () => ({
        plural: 'string',
        singular: 'string',
        kind: 'string',
        listKind: 'string',
        shortNames: strings,
        categories: strings,
      }),
    },
    versions: {
      list: { struct: 'v1.CustomResourceDefinitionVersion', fields: () => version },
      of: 'v1.CustomResourceDefinitionVersion',
    },
    conversion: {
      struct: 'v1.CustomResourceConversion',
      fields: () => ({ strategy: 'string' }),
    },
  }),
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return `number ${value}`
  return typeof value === 'object' ? 'object' : typeof value
}

const INT_LIMITS = { int32: 2 ** 31, int64: 2 ** 63 }

/** Go's message for the first field that does not decode, or undefined when every one does. */
function problem(value: unknown, shape: Shape, key: string, depth: number): string | undefined {
  if (value === undefined || value === null || depth > 64) return undefined
  const fail = (goType: string): string =>
    `json: cannot unmarshal ${jsonKind(value).replace(/^number .*/, (n) => (goType.startsWith('int') ? n : 'number'))} into Go struct field .${key} of type ${goType}`
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
        return typeof value === 'string' ? undefined : fail('string')
      case 'bool':
        return typeof value === 'boolean' ? undefined : fail('bool')
      case 'float64':
        return typeof value === 'number' ? undefined : fail('float64')
      case 'int32':
      case 'int64': {
        const limit = INT_LIMITS[shape]
        const whole = typeof value === 'number' && Number.isInteger(value)
        return whole && value >= -limit && value < limit ? undefined : fail(shape)
      }
      case 'json':
        return undefined
      case 'schemaOrBool':
        // `JSONSchemaPropsOrBool.UnmarshalJSON`: its own words, without the field.
        if (typeof value === 'boolean') return undefined
        if (typeof value !== 'object' || Array.isArray(value))
          return 'boolean or JSON schema expected'
        return problem(value, schema, key, depth + 1)
      case 'schemaOrArray':
        // `JSONSchemaPropsOrArray.UnmarshalJSON` reads anything else as no items at all.
        if (Array.isArray(value)) return firstProblem(value, schema, key, depth)
        return typeof value === 'object' ? problem(value, schema, key, depth + 1) : undefined
    }
  }
  if ('struct' in shape) {
    if (typeof value !== 'object' || Array.isArray(value)) return fail(shape.struct)
    const fields = shape.fields()
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      const inner = fields[name]
      const found = inner && problem(field, inner, name, depth + 1)
      if (found) return found
    }
    return undefined
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) return fail(`[]${shape.of}`)
    return firstProblem(value, shape.list, key, depth)
  }
  if (typeof value !== 'object' || Array.isArray(value)) return fail(`map[string]${shape.of}`)
  return firstProblem(Object.values(value as object), shape.map, key, depth)
}

function firstProblem(
  items: readonly unknown[],
  shape: Shape,
  key: string,
  depth: number,
): string | undefined {
  for (const item of items) {
    const found = problem(item, shape, key, depth + 1)
    if (found) return found
  }
  return undefined
}

/** Why a CRD's spec does not decode, in Go's words; undefined when it does. */
export function crdDecodeProblem(crdSpec: unknown): string | undefined {
  return problem(crdSpec, spec, 'spec', 0)
}
