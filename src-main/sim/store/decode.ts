import type { KubeObject } from '../api/meta'
import { crdDecodeProblem } from './crd-decode'
import { ApiError } from './errors'

/**
 * The JSON decoding the API server does before anything else: a metadata field
 * of the wrong type is refused as Go's `encoding/json` refuses it, e.g.
 * `json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`.
 */

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'boolean') return 'bool'
  return typeof value === 'object' ? 'object' : typeof value
}

class DecodeError extends Error {}

function fail(value: unknown, field: string, goType: string, struct = 'ObjectMeta'): never {
  throw new DecodeError(
    `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${struct}.${field} of type ${goType}`,
  )
}

const isUnset = (v: unknown): boolean => v === undefined || v === null

function expectString(value: unknown, field: string, goType = 'string', struct?: string): void {
  if (!isUnset(value) && typeof value !== 'string') fail(value, field, goType, struct)
}

function expectStringMap(value: unknown, field: string): void {
  if (isUnset(value)) return
  if (typeof value !== 'object' || Array.isArray(value)) fail(value, field, 'map[string]string')
  for (const v of Object.values(value as object)) expectString(v, field)
}

function expectOwnerReferences(value: unknown): void {
  const field = 'metadata.ownerReferences'
  if (isUnset(value)) return
  if (!Array.isArray(value)) fail(value, field, '[]v1.OwnerReference')
  for (const ref of value) {
    if (isUnset(ref)) continue
    if (typeof ref !== 'object' || Array.isArray(ref)) fail(ref, field, 'v1.OwnerReference')
    const r = ref as Record<string, unknown>
    expectString(r.apiVersion, `${field}.apiVersion`, 'string', 'OwnerReference')
    expectString(r.kind, `${field}.kind`, 'string', 'OwnerReference')
    expectString(r.name, `${field}.name`, 'string', 'OwnerReference')
    expectString(r.uid, `${field}.uid`, 'types.UID', 'OwnerReference')
    for (const flag of ['controller', 'blockOwnerDeletion']) {
      if (!isUnset(r[flag]) && typeof r[flag] !== 'boolean')
        fail(r[flag], `${field}.${flag}`, 'bool', 'OwnerReference')
    }
  }
}

function checkMetadata(meta: Record<string, unknown>): void {
  expectString(meta.name, 'metadata.name')
  expectString(meta.generateName, 'metadata.generateName')
  expectString(meta.namespace, 'metadata.namespace')
  expectString(meta.uid, 'metadata.uid', 'types.UID')
  expectString(meta.resourceVersion, 'metadata.resourceVersion')
  expectStringMap(meta.labels, 'metadata.labels')
  expectStringMap(meta.annotations, 'metadata.annotations')
  if (!isUnset(meta.finalizers)) {
    if (!Array.isArray(meta.finalizers)) fail(meta.finalizers, 'metadata.finalizers', '[]string')
    for (const f of meta.finalizers) expectString(f, 'metadata.finalizers')
  }
  expectOwnerReferences(meta.ownerReferences)
}

/**
 * Refuses an object whose metadata does not decode, with the API server's
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: ...`. Null fields
 * count as unset, as they do in Go.
 */
export function checkDecodes(obj: KubeObject, version: string): void {
  try {
    const meta = obj.metadata as unknown
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
      fail(meta, 'metadata', 'v1.ObjectMeta', obj.kind)
    checkMetadata(meta as Record<string, unknown>)
    if (obj.kind === 'CustomResourceDefinition') {
      const problem = crdDecodeProblem((obj as { spec?: unknown }).spec)
      if (problem) throw new DecodeError(problem)
    } else if (BUILT_IN_GROUPS.has(splitGroup(obj.apiVersion))) checkQuantities(obj, 0)
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e
    throw new ApiError(
      'BadRequest',
      `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${e.message}`,
    )
  }
}

/** The typed fields below are those of the built-in kinds; custom resources follow their own schema. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'networking.k8s.io',
  'storage.k8s.io',
  'discovery.k8s.io',
  'policy',
])

function splitGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/')
  return slash < 0 ? '' : apiVersion.slice(0, slash)
}

const QUANTITY_FIELDS = new Set(['requests', 'limits', 'capacity', 'allocatable'])

/**
 * `resource.Quantity` decodes from a JSON string or number only, and a string
 * must be a quantity; anywhere a resource list appears (container resources, a
 * claim's request, a volume's capacity), a bad one stops the whole object.
 */
function checkQuantities(value: unknown, depth: number, key = ''): void {
  if (depth > 40 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    // An item knows the list it is in: an `env` item's `value` is a string, a target's is a quantity.
    for (const item of value) checkQuantities(item, depth + 1, key)
    return
  }
  const obj = value as Record<string, unknown>
  for (const k of Object.keys(obj)) {
    const v = obj[k]
    // Most keys have no type of their own to check: only what they hold is looked into.
    if (!TYPED_FIELDS.has(k)) {
      if (v !== null && typeof v === 'object' && k !== 'metadata' && !isStringMap(k, v))
        checkQuantities(v, depth + 1, k)
      continue
    }
    if (
      QUANTITY_FIELDS.has(k) &&
      (key === 'resources' || k === 'capacity' || k === 'allocatable') &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
    ) {
      for (const q of Object.values(v)) {
        if (isUnset(q)) continue
        if (
          typeof q === 'number'
            ? !Number.isFinite(q)
            : typeof q !== 'string' || !QUANTITY.test(q.trim())
        )
          throw new DecodeError(
            typeof q === 'string' || typeof q === 'number'
              ? "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
              : `json: cannot unmarshal ${jsonKind(q)} into Go value of type resource.Quantity`,
          )
      }
      continue
    }
    if (INT32_FIELDS.has(k) && !isUnset(v)) {
      const whole =
        typeof v === 'number' && Number.isInteger(v) && v <= 2147483647 && v >= -2147483648
      if (!whole)
        throw new DecodeError(
          `json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : jsonKind(v)} into Go struct field .${k} of type int32`,
        )
    }
    if (INT64_FIELDS.has(k) && !isUnset(v) && !(typeof v === 'number' && Number.isSafeInteger(v)))
      throw new DecodeError(
        `json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : jsonKind(v)} into Go struct field .${k} of type int64`,
      )
    if (!isUnset(v)) {
      // Node affinity's required part is one selector; pod (anti-)affinity's is a list of terms.
      const list =
        k === 'requiredDuringSchedulingIgnoredDuringExecution' && key === 'nodeAffinity'
          ? undefined
          : LIST_FIELDS[k]
      if (list && !Array.isArray(v))
        throw new DecodeError(
          `json: cannot unmarshal ${jsonKind(v)} into Go struct field .${k} of type ${list}`,
        )
      const struct = OBJECT_FIELDS[k]
      if (struct && (typeof v !== 'object' || Array.isArray(v)))
        throw new DecodeError(
          `json: cannot unmarshal ${jsonKind(v)} into Go struct field .${k} of type ${struct}`,
        )
      if (list === '[]string' && (v as unknown[]).some((x) => !isUnset(x) && typeof x !== 'string'))
        throw new DecodeError(
          `json: cannot unmarshal ${jsonKind((v as unknown[]).find((x) => typeof x !== 'string'))} into Go struct field .${k} of type string`,
        )
      // The items of a list of structs are objects: `["0%"]` where terms belong does not decode.
      if (list && !STRING_LISTS.has(list)) {
        const odd = (v as unknown[]).find(
          (x) => !isUnset(x) && (typeof x !== 'object' || Array.isArray(x)),
        )
        if (odd !== undefined)
          throw new DecodeError(
            `json: cannot unmarshal ${jsonKind(odd)} into Go struct field .${k} of type ${list.slice(2)}`,
          )
      }
      if ((STRING_FIELDS.has(k) || ITEM_STRING_FIELDS[key]?.has(k)) && typeof v !== 'string')
        throw new DecodeError(
          `json: cannot unmarshal ${jsonKind(v)} into Go struct field .${k} of type string`,
        )
      // `intstr.IntOrString.UnmarshalJSON`: a JSON string, or else an int32.
      if (INT_OR_STRING_FIELDS.has(k) && typeof v !== 'string' && !isInt32(v))
        throw new DecodeError(
          `json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : jsonKind(v)} into Go struct field .${k} of type int32`,
        )
    }
    // Status decodes as strictly as spec: a node's allocatable is a quantity wherever it comes from.
    if (k !== 'metadata' && !isStringMap(k, v)) checkQuantities(v, depth + 1, k)
  }
}

function isInt32(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v <= 2147483647 && v >= -2147483648
}

/** Fields that are strings wherever they appear in the built-in kinds, spec and status. */
const STRING_FIELDS: ReadonlySet<string> = new Set([
  'apiVersion',
  'kind',
  'name',
  'image',
  'key',
  'operator',
  'effect',
  'type',
  'protocol',
  'topologyKey',
  'whenUnsatisfiable',
  'serviceName',
  'schedule',
  'timeZone',
  'concurrencyPolicy',
  'podManagementPolicy',
  'completionMode',
  'restartPolicy',
  'imagePullPolicy',
  'dnsPolicy',
  'schedulerName',
  'serviceAccountName',
  'priorityClassName',
  'nodeName',
  'hostname',
  'subdomain',
  'mountPath',
  'subPath',
  'fieldPath',
  'claimName',
  'secretName',
  'storageClassName',
  'volumeName',
  'volumeMode',
  'provisioner',
  'reclaimPolicy',
  'volumeBindingMode',
  'ingressClassName',
  'host',
  'path',
  'pathType',
  'externalName',
  'clusterIP',
  'phase',
  'reason',
  'message',
])

/** Fields that are strings in the items of one list only: elsewhere a `value` is a quantity. */
const ITEM_STRING_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  env: new Set(['value']),
  tolerations: new Set(['value']),
}

/** `intstr.IntOrString` fields of the built-in kinds (a probe's `port` is one, a Service's is not). */
const INT_OR_STRING_FIELDS: ReadonlySet<string> = new Set([
  'maxSurge',
  'maxUnavailable',
  'minAvailable',
  'targetPort',
])

/** Fields that are lists wherever they appear in the built-in kinds, with their Go types. */
const LIST_FIELDS: Readonly<Record<string, string>> = {
  containers: '[]v1.Container',
  initContainers: '[]v1.Container',
  volumes: '[]v1.Volume',
  volumeMounts: '[]v1.VolumeMount',
  env: '[]v1.EnvVar',
  envFrom: '[]v1.EnvFromSource',
  ports: '[]v1.ContainerPort',
  tolerations: '[]v1.Toleration',
  imagePullSecrets: '[]v1.LocalObjectReference',
  topologySpreadConstraints: '[]v1.TopologySpreadConstraint',
  volumeClaimTemplates: '[]v1.PersistentVolumeClaim',
  matchExpressions: '[]v1.LabelSelectorRequirement',
  matchFields: '[]v1.NodeSelectorRequirement',
  requiredDuringSchedulingIgnoredDuringExecution: '[]v1.PodAffinityTerm',
  preferredDuringSchedulingIgnoredDuringExecution: '[]v1.WeightedPodAffinityTerm',
  nodeSelectorTerms: '[]v1.NodeSelectorTerm',
  rules: '[]v1.IngressRule',
  tls: '[]v1.IngressTLS',
  hosts: '[]string',
  paths: '[]v1.HTTPIngressPath',
  metrics: '[]v2.MetricSpec',
  policies: '[]v2.HPAScalingPolicy',
  command: '[]string',
  args: '[]string',
  values: '[]string',
  namespaces: '[]string',
  matchLabelKeys: '[]string',
  mismatchLabelKeys: '[]string',
  accessModes: '[]v1.PersistentVolumeAccessMode',
}

/** Fields that are `map[string]string` wherever they appear: their keys are anyone's words. */
const STRING_MAPS: ReadonlySet<string> = new Set([
  'labels',
  'annotations',
  'matchLabels',
  'nodeSelector',
  'data',
  'stringData',
  'binaryData',
])

/**
 * Whether `v`, found under `k`, is a map whose keys the typed-field checks must
 * not read as field names (a label called `env` is not a container's env). A
 * `selector` is one for a Service or a ReplicationController, a LabelSelector
 * struct (matchLabels, matchExpressions) for the others.
 */
function isStringMap(k: string, v: unknown): boolean {
  if (STRING_MAPS.has(k)) return true
  return (
    k === 'selector' &&
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !('matchLabels' in v) &&
    !('matchExpressions' in v)
  )
}

/** The list types whose items are strings in Go. */
const STRING_LISTS: ReadonlySet<string> = new Set(['[]string', '[]v1.PersistentVolumeAccessMode'])

/** Fields that are objects wherever they appear. */
const OBJECT_FIELDS: Readonly<Record<string, string>> = {
  spec: 'spec',
  template: 'v1.PodTemplateSpec',
  selector: 'v1.LabelSelector',
  matchLabels: 'map[string]string',
  nodeSelector: 'map[string]string',
  data: 'map[string]string',
  resources: 'v1.ResourceRequirements',
  requests: 'v1.ResourceList',
  limits: 'v1.ResourceList',
  capacity: 'v1.ResourceList',
  allocatable: 'v1.ResourceList',
  strategy: 'v1.DeploymentStrategy',
  updateStrategy: 'updateStrategy',
  rollingUpdate: 'rollingUpdate',
  affinity: 'v1.Affinity',
  readinessProbe: 'v1.Probe',
  livenessProbe: 'v1.Probe',
  startupProbe: 'v1.Probe',
  httpGet: 'v1.HTTPGetAction',
  tcpSocket: 'v1.TCPSocketAction',
  exec: 'v1.ExecAction',
  lifecycle: 'v1.Lifecycle',
  valueFrom: 'v1.EnvVarSource',
  configMapKeyRef: 'v1.ConfigMapKeySelector',
  secretKeyRef: 'v1.SecretKeySelector',
  jobTemplate: 'v1.JobTemplateSpec',
  scaleTargetRef: 'v2.CrossVersionObjectReference',
  securityContext: 'securityContext',
}

/** Integer fields of the workload kinds: Go decodes them into int32 and refuses anything else. */
const INT32_FIELDS = new Set([
  'ttlSecondsAfterFinished',
  'maxSkew',
  'weight',
  'nodePort',
  'hostPort',
  'averageUtilization',
  'stabilizationWindowSeconds',
  'restartCount',
  'exitCode',
  'replicas',
  'minReadySeconds',
  'progressDeadlineSeconds',
  'revisionHistoryLimit',
  'partition',
  'parallelism',
  'completions',
  'backoffLimit',
  'minReplicas',
  'maxReplicas',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'containerPort',
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'successThreshold',
  'failureThreshold',
])

/** The int64 fields: durations in seconds that the clock and the event recorder compute with. */
const INT64_FIELDS = new Set([
  'tolerationSeconds',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'startingDeadlineSeconds',
  'seconds',
])

/**
 * Go decodes a JSON null into the zero value: the field is simply unset. Dropping
 * nulls up front spares every controller from meeting one.
 */
export function dropNulls(value: unknown, depth = 0, key = ''): void {
  if (depth > 32 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    // A null item of a typed list decodes into its zero value: "" for a string, {} for a struct.
    const list = LIST_FIELDS[key]
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null && list) value[i] = STRING_LISTS.has(list) ? '' : {}
      else dropNulls(value[i], depth + 1)
    }
    return
  }
  const record = value as Record<string, unknown>
  for (const k of Object.keys(record)) {
    if (record[k] === null) delete record[k]
    else dropNulls(record[k], depth + 1, k)
  }
}

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/

/** Null metadata fields are unset: drop them so later checks see only real values. */
export function dropNullMetadata(obj: KubeObject): void {
  const meta = obj.metadata as unknown as Record<string, unknown>
  for (const key of Object.keys(meta)) if (meta[key] === null) delete meta[key]
}

/** Every key one of the checks above looks at; any other key is only walked into. */
const TYPED_FIELDS: ReadonlySet<string> = new Set([
  ...QUANTITY_FIELDS,
  ...INT32_FIELDS,
  ...INT64_FIELDS,
  ...Object.keys(LIST_FIELDS),
  ...Object.keys(OBJECT_FIELDS),
  ...STRING_FIELDS,
  ...Object.values(ITEM_STRING_FIELDS).flatMap((fields) => [...fields]),
  ...INT_OR_STRING_FIELDS,
])
