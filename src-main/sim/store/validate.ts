import type { KubeObject } from '../api/meta'
import type { Container, PodSpec } from '../api/core'
import type { Deployment, ReplicaSet } from '../api/apps'
import type { CronJob, Job } from '../api/batch'
import { validateCronJob, validateJob } from './validate-batch'
import { selectorMatchesLabels } from './labels'
import type { Image } from '../api/drydock'
import { declaredImage } from '../images/declared'
import { IMAGE_SCHEMA } from '../images/image-schema'
import { validateCustomResource } from './openapi-schema'
import { validateHost, validateHypervisor, validateVirtualMachine } from '../infra/validation'
import { validateDaemonSet } from '../controllers/daemonset/validation'
import { validateDeploymentStrategy } from '../controllers/deployment/validation'
import {
  validateStatefulSet,
  validateStatefulSetUpdate,
} from '../controllers/statefulset/validation'
import type { WorkloadChecks } from './workload-checks'
import { validateHpa } from '../controllers/hpa/validation'
import { validatePdb } from '../controllers/disruption/validation'
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateSecret,
  validateSecretUpdate,
} from './config/validate'
import {
  validateIngress,
  validateIngressClass,
  validateIngressClassUpdate,
} from './networking/validate'
import { validateService, validateServiceUpdate } from './service/validate'
import {
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
} from './storage/validate'
import { validateProbes } from './probe-checks'
import { validateAffinity } from './affinity-checks'

/** One `field.Error`, printed as the API server prints it. */
export interface FieldError {
  field: string
  type:
    | 'Invalid value'
    | 'Required value'
    | 'Unsupported value'
    | 'Duplicate value'
    | 'Forbidden'
    | 'Too long'
    | 'Not found'
  value?: unknown
  detail?: string
}

/** `field.Error.ErrorBody` prints no value for these types. */
const valueless = new Set<FieldError['type']>(['Required value', 'Forbidden', 'Too long'])

export function formatFieldError(e: FieldError): string {
  const value = valueless.has(e.type) ? '' : ` ${goValue(e.value)}`
  return `${e.field}: ${e.type}${value === '' ? '' : ':' + value}${e.detail ? `: ${e.detail}` : ''}`
}

/** A value already written in Go syntax (`[]string{"a"}`, `core.ServicePort{…}`), printed as it is. */
export interface GoSyntax {
  readonly goSyntax: string
}

/** Go's `%#v`-ish rendering, enough for the values these errors quote. */
function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value && typeof value === 'object' && typeof (value as GoSyntax).goSyntax === 'string')
    return (value as GoSyntax).goSyntax
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
  // A StatefulSet's name becomes its pods' hostnames (`ValidateStatefulSetName`).
  StatefulSet: 'label',
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
    if (c && typeof c === 'object') errors.push(...validateProbes(c, at))
  })
  return errors
}

function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  if (!spec || typeof spec !== 'object') return [{ field: path, type: 'Required value' }]
  const errors = validateContainers(spec.containers, `${path}.containers`)
  if (spec.initContainers !== undefined && spec.initContainers !== null) {
    if (Array.isArray(spec.initContainers) && spec.initContainers.length === 0) return errors
    errors.push(...validateContainers(spec.initContainers, `${path}.initContainers`))
  }
  errors.push(...validateAffinity(spec.affinity, `${path}.affinity`))
  return errors
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

/** What the StatefulSet and DaemonSet validators borrow from here. */
const workloadChecks: WorkloadChecks = {
  podSpec: validatePodSpec,
  dnsLabel: (value, field) => checkName('label', value, field),
}

const validators: Partial<Record<string, (obj: KubeObject) => FieldError[]>> = {
  HorizontalPodAutoscaler: validateHpa,
  PodDisruptionBudget: validatePdb,
  Image: (obj) => {
    // Types first, as a CRD's schema would check them: what follows reads the fields as typed.
    const typeErrors = validateCustomResource(obj, IMAGE_SCHEMA, { prune: false })
    if (typeErrors.length > 0) return typeErrors
    const result = declaredImage(obj as Image)
    return 'errors' in result ? result.errors : []
  },
  Host: validateHost,
  Hypervisor: validateHypervisor,
  VirtualMachine: validateVirtualMachine,
  Pod: (obj) => validatePodSpec(obj.spec as PodSpec, 'spec'),
  Deployment: (obj) => {
    const errors = validateReplicated(obj as Deployment)
    const spec = (obj as Deployment).spec
    if (spec && typeof spec === 'object') errors.push(...validateDeploymentStrategy(spec.strategy))
    return errors
  },
  ReplicaSet: (obj) => validateReplicated(obj as ReplicaSet),
  StatefulSet: (obj) => validateStatefulSet(obj, workloadChecks),
  DaemonSet: (obj) => validateDaemonSet(obj, workloadChecks),
  Job: (obj) => validateJob(obj as Job, validatePodSpec),
  CronJob: (obj) => validateCronJob(obj as CronJob, validatePodSpec),
  Service: validateService,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  StorageClass: validateStorageClass,
  PersistentVolume: validatePersistentVolume,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  Ingress: validateIngress,
  IngressClass: validateIngressClass,
}

export function validateObject(obj: KubeObject): FieldError[] {
  return validators[obj.kind]?.(obj) ?? []
}

/** What may not change on an update from outside (`Validate<Kind>Update`), checked against the live object. */
const updateValidators: Partial<
  Record<string, (obj: KubeObject, old: KubeObject) => FieldError[]>
> = {
  Service: validateServiceUpdate,
  ConfigMap: validateConfigMapUpdate,
  Secret: validateSecretUpdate,
  StorageClass: validateStorageClassUpdate,
  PersistentVolumeClaim: validatePersistentVolumeClaimUpdate,
  IngressClass: validateIngressClassUpdate,
  StatefulSet: validateStatefulSetUpdate,
}

export function validateObjectUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  return updateValidators[obj.kind]?.(obj, old) ?? []
}
