import type { JSONSchemaProps } from '../api/apiextensions'

/**
 * The structural schema of `kind: Image`, as a CRD for it would declare it:
 * checked before the image is read, so a field of the wrong type is refused
 * in the apiextensions-apiserver's words (`spec.healthPaths in body must be of
 * type array`) instead of reaching the kubelet.
 */

const strings: JSONSchemaProps = { type: 'array', items: { type: 'string' } }
const quantity: JSONSchemaProps = { 'x-kubernetes-int-or-string': true }
const duration: JSONSchemaProps = { type: 'string' }

const behaviour: JSONSchemaProps = {
  type: 'object',
  properties: {
    shell: { type: 'boolean' },
    ports: { type: 'array', items: { type: 'integer' } },
    healthPaths: strings,
    startup: duration,
    runFor: duration,
    resources: { type: 'object', properties: { cpu: quantity, memory: quantity } },
    logs: {
      type: 'object',
      properties: {
        start: strings,
        every: { type: 'object', properties: { period: duration, lines: strings } },
      },
    },
    requiredEnv: { type: 'object', properties: { anyOf: strings, message: strings } },
    failure: {
      type: 'object',
      properties: {
        exitAfter: duration,
        exitCode: { type: 'integer' },
        logs: strings,
        memoryLeakPerMinute: quantity,
        crashAboveRps: { type: 'number' },
        unhealthyAfter: duration,
      },
    },
  },
}

export const IMAGE_SCHEMA: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      ...behaviour,
      properties: {
        ...behaviour.properties,
        repository: { type: 'string' },
        tags: { type: 'array' },
        size: quantity,
        tagOverrides: { type: 'object', additionalProperties: behaviour },
      },
    },
  },
}
