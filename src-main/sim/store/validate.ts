import type { KubeObject } from '../api/meta'
import type { Container, PodSpec } from '../api/core'
import type { Deployment, ReplicaSet } from '../api/apps'
import { selectorMatchesLabels } from './labels'
import type { Image } from '../api/drydock'
import { declaredImage } from '../images/declared'
import { validateHpa } from '../controllers/hpa/validation'

/** One `field.Error`, printed as the API server prints it. */
export interface FieldError {
  field: string
  type: 'Invalid value' | 'Required value' | 'Unsupported value'
  value?: unknown
  detail?: string
}

export function formatFieldError(e: FieldError): string {
  const value = e.type === 'Required value' ? '' : ` ${goValue(e.value)}`
  return `${e.field}: ${e.type}${value === '' ? '' : ':' + value}${e.detail ? `: ${e.detail}` : ''}`
}

/** Go's `%#v`-ish rendering, enough for the values these errors quote. */
function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join(', ')
    return `map[string]string{${entries}}`
  }
  return String(value)
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

const nameRules = {
  subdomain: {
    re: DNS1123_SUBDOMAIN,
    max: 253,
    msg: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  label: {
    re: DNS1123_LABEL,
    max: 63,
    msg: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  dns1035: {
    re: DNS1035_LABEL,
    max: 63,
    msg: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  },
} as const

const nameRuleByKind: Partial<Record<string, keyof typeof nameRules>> = {
  Namespace: 'label',
  Service: 'dns1035',
}

export function validateName(kind: string, name: string, field = 'metadata.name'): FieldError[] {
  return checkName(nameRuleByKind[kind] ?? 'subdomain', name, field)
}

function checkName(ruleName: keyof typeof nameRules, name: string, field: string): FieldError[] {
  const rule = nameRules[ruleName]
  const errors: FieldError[] = []
  if (name.length > rule.max) {
    errors.push({
      field,
      type: 'Invalid value',
      value: name,
      detail: `must be no more than ${rule.max} characters`,
    })
  }
  if (!rule.re.test(name))
    errors.push({ field, type: 'Invalid value', value: name, detail: rule.msg })
  return errors
}

function validateContainers(containers: Container[] | undefined, path: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) {
    return [{ field: path, type: 'Required value' }]
  }
  const errors: FieldError[] = []
  containers.forEach((c, i) => {
    const at = `${path}[${i}]`
    if (!c || typeof c.name !== 'string' || c.name === '') {
      errors.push({ field: `${at}.name`, type: 'Required value' })
    } else {
      errors.push(...checkName('label', c.name, `${at}.name`))
    }
    if (!c || typeof c.image !== 'string' || c.image.trim() === '') {
      errors.push({ field: `${at}.image`, type: 'Required value' })
    }
  })
  return errors
}

function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  if (!spec || typeof spec !== 'object') return [{ field: path, type: 'Required value' }]
  return validateContainers(spec.containers, `${path}.containers`)
}

function validateReplicated(obj: Deployment | ReplicaSet): FieldError[] {
  const spec = obj.spec
  if (!spec || typeof spec !== 'object') return [{ field: 'spec', type: 'Required value' }]
  const errors: FieldError[] = []
  if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    errors.push({
      field: 'spec.replicas',
      type: 'Invalid value',
      value: spec.replicas,
      detail: 'must be greater than or equal to 0',
    })
  }
  if (!spec.selector) {
    errors.push({ field: 'spec.selector', type: 'Required value' })
  } else if (!selectorMatchesLabels(spec.selector, spec.template?.metadata?.labels)) {
    errors.push({
      field: 'spec.template.metadata.labels',
      type: 'Invalid value',
      value: spec.template?.metadata?.labels ?? {},
      detail: '`selector` does not match template `labels`',
    })
  }
  errors.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'))
  return errors
}

const validators: Partial<Record<string, (obj: KubeObject) => FieldError[]>> = {
  HorizontalPodAutoscaler: validateHpa,
  Image: (obj) => {
    const result = declaredImage(obj as Image)
    return 'errors' in result ? result.errors : []
  },
  Pod: (obj) => validatePodSpec(obj.spec as PodSpec, 'spec'),
  Deployment: (obj) => validateReplicated(obj as Deployment),
  ReplicaSet: (obj) => validateReplicated(obj as ReplicaSet),
}

export function validateObject(obj: KubeObject): FieldError[] {
  return validators[obj.kind]?.(obj) ?? []
}
