import type { KubeObject } from '../api/meta'
import type { Container, PodSpec, Probe, Secret } from '../api/core'
import type { Deployment, ReplicaSet } from '../api/apps'
import type { CronJob, Job } from '../api/batch'
import { defaultHpa } from '../controllers/hpa/validation'
import { defaultDaemonSet } from '../controllers/daemonset/validation'
import { defaultStatefulSet } from '../controllers/statefulset/validation'
import { defaultService } from './service/defaults'
import { addDefaultTolerationSeconds } from './default-toleration-seconds'
import { defaultHost, defaultHypervisor, defaultVirtualMachine } from '../infra/defaults'
import {
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultStorageClass,
} from './storage/defaults'

/**
 * Server-side defaulting, as `pkg/apis/<group>/v1/defaults.go` does it. Applied to
 * a private copy on every create and update, so what the store holds is what a
 * real API server would hand back.
 */
type Defaulter = (obj: KubeObject) => void

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return
  // `SetDefaults_Probe`: a 0 (the Go zero value) means unset, as an absent field does.
  probe.timeoutSeconds ||= 1
  probe.periodSeconds ||= 10
  probe.successThreshold ||= 1
  probe.failureThreshold ||= 3
  if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP'
}

/** `IfNotPresent` unless the tag is `latest` or missing (`SetDefaults_Container`). */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent'
  const lastSlash = image.lastIndexOf('/')
  const colon = image.indexOf(':', lastSlash + 1)
  if (colon < 0) return 'Always'
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent'
}

function defaultContainer(c: Container): void {
  if (typeof c.image === 'string') c.imagePullPolicy ??= defaultPullPolicy(c.image)
  for (const port of c.ports ?? []) port.protocol ??= 'TCP'
  defaultProbe(c.readinessProbe)
  defaultProbe(c.livenessProbe)
  defaultProbe(c.startupProbe)
  const record = c as unknown as Record<string, unknown>
  record.terminationMessagePath ??= '/dev/termination-log'
  record.terminationMessagePolicy ??= 'File'
}

export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec) return
  spec.restartPolicy ??= 'Always'
  spec.terminationGracePeriodSeconds ??= 30
  spec.schedulerName ??= 'default-scheduler'
  const record = spec as unknown as Record<string, unknown>
  record.dnsPolicy ??= 'ClusterFirst'
  record.securityContext ??= {}
  for (const c of spec.containers ?? []) defaultContainer(c)
  for (const c of spec.initContainers ?? []) defaultContainer(c)
  // A preference is a struct in Go: left out, it decodes as an empty term, which matches no node.
  const preferred = spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  for (const term of preferred ?? []) term.preference ??= {}
}

/** Base64 of UTF-8 text, without Node's Buffer. */
export function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export function fromBase64(data: string): string {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new TextDecoder().decode(bytes)
}

const defaulters: Partial<Record<string, Defaulter>> = {
  HorizontalPodAutoscaler: defaultHpa,
  Secret: (obj) => {
    const secret = obj as Secret
    secret.type ??= 'Opaque'
    // The API server stores stringData in data, base64-encoded, and drops it.
    if (secret.stringData) {
      secret.data = { ...secret.data }
      for (const [k, v] of Object.entries(secret.stringData)) secret.data[k] = base64(String(v))
      delete secret.stringData
    }
  },
  // A Node's spec is a struct: one that is left out decodes as empty, never as missing.
  Node: (obj) => {
    obj.spec ??= {}
  },
  // So is a budget's: a budget written without one is stored with `spec: {}` and selects no pod.
  PodDisruptionBudget: (obj) => {
    obj.spec ??= {}
  },
  Pod: (obj) => {
    defaultPodSpec(obj.spec as PodSpec)
    addDefaultTolerationSeconds(obj.spec as PodSpec)
    // The pod registry starts every pod Pending; on update the store keeps the live status instead.
    obj.status = { phase: 'Pending' }
  },
  Deployment: (obj) => {
    const spec = (obj as Deployment).spec
    if (!spec) return
    spec.replicas ??= 1
    spec.strategy ??= {}
    // An empty type is unset to Go's defaulting, as a missing one is.
    spec.strategy.type ||= 'RollingUpdate'
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {}
      spec.strategy.rollingUpdate.maxSurge ??= '25%'
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%'
    }
    spec.revisionHistoryLimit ??= 10
    spec.progressDeadlineSeconds ??= 600
    defaultPodSpec(spec.template?.spec)
  },
  ReplicaSet: (obj) => {
    const spec = (obj as ReplicaSet).spec
    if (!spec) return
    spec.replicas ??= 1
    defaultPodSpec(spec.template?.spec)
  },
  StatefulSet: (obj) => defaultStatefulSet(obj, defaultPodSpec),
  DaemonSet: (obj) => defaultDaemonSet(obj, defaultPodSpec),
  Job: (obj) => {
    const spec = (obj as Job).spec
    if (!spec) return
    // Completions stay unset when only parallelism is given: a work-queue Job.
    if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1
    spec.parallelism ??= 1
    spec.backoffLimit ??= 6
    spec.completionMode ??= 'NonIndexed'
    spec.suspend ??= false
    spec.manualSelector ??= false
    spec.podReplacementPolicy ??= 'TerminatingOrFailed'
    defaultPodSpec(spec.template?.spec)
    // The status struct is never omitted: a new Job reads `status: {}`.
    obj.status ??= {}
  },
  CronJob: (obj) => {
    const spec = (obj as CronJob).spec
    if (!spec) return
    spec.concurrencyPolicy ||= 'Allow'
    spec.suspend ??= false
    spec.successfulJobsHistoryLimit ??= 3
    spec.failedJobsHistoryLimit ??= 1
    // The Job template's spec keeps its unset fields: Job defaults apply when a Job is made from it.
    defaultPodSpec(spec.jobTemplate?.spec?.template?.spec)
    obj.status ??= {}
  },
  Service: defaultService,
  Host: defaultHost,
  Hypervisor: defaultHypervisor,
  VirtualMachine: defaultVirtualMachine,
  StorageClass: defaultStorageClass,
  PersistentVolume: defaultPersistentVolume,
  PersistentVolumeClaim: defaultPersistentVolumeClaim,
}

export function applyDefaults(obj: KubeObject): void {
  defaulters[obj.kind]?.(obj)
}
