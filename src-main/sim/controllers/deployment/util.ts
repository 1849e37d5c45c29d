import type { Condition, ConditionStatus, IntOrString } from '../../api/meta'
import type { PodTemplateSpec } from '../../api/core'
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/apps'
import { deepEqual } from '../../store/equality'
import { NAME_ALPHABET } from '../../store/store'

/** Names and reasons from `pkg/controller/deployment/util/deployment_util.go`. */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas'
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash'

export const Reasons = {
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const

const annotationsNotCopied = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
])

/** `intstr.GetScaledValueFromIntOrPercent`. */
export function scaledValue(
  value: IntOrString | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  const m = /^(\d+)%$/.exec(value)
  if (!m) {
    const asInt = Number(value)
    if (Number.isInteger(asInt)) return asInt
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`)
  }
  const exact = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(exact) : Math.floor(exact)
}

/** `ResolveFenceposts`: surge rounds up, unavailable down, and both 0 means unavailable 1. */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true)
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

export function replicasOf(obj: { spec: { replicas?: number } } | undefined): number {
  return obj?.spec.replicas ?? 0
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0
  const ru = d.spec.strategy?.rollingUpdate
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0
  const ru = d.spec.strategy?.rollingUpdate
  const { unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))
  return Math.min(unavailable, replicasOf(d))
}

export const sumSpecReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  rss.reduce((n, rs) => n + (rs?.spec.replicas ?? 0), 0)
export const sumActualReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0)
export const sumReadyReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0)
export const sumAvailableReplicas = (rss: readonly (ReplicaSet | undefined)[]): number =>
  rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0)

export function activeReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && (rs.spec.replicas ?? 0) > 0)
}

/** `ReplicaSetsByCreationTimestamp`: oldest first, name breaking ties. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata.creationTimestamp ?? ''
  const tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}

export function revisionOf(
  obj: { metadata: { annotations?: Record<string, string> } } | undefined,
): number {
  const value = obj?.metadata.annotations?.[REVISION_ANNOTATION]
  const n = value === undefined ? 0 : Number(value)
  return Number.isFinite(n) ? n : 0
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0)
}

/** Templates equal once the pod-template-hash label is ignored (`EqualIgnoreHash`). */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  // Stored templates never change, and every sync compares the same pairs again.
  let known = equalTemplates.get(a)
  let equal = known?.get(b)
  if (equal === undefined) {
    equal = deepEqual(stripHash(a), stripHash(b))
    if (!known) equalTemplates.set(a, (known = new WeakMap()))
    known.set(b, equal)
  }
  return equal
}

const equalTemplates = new WeakMap<PodTemplateSpec, WeakMap<PodTemplateSpec, boolean>>()

function stripHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) }
  delete labels[POD_TEMPLATE_HASH_LABEL]
  return { ...t, metadata: { ...t.metadata, labels } }
}

export function findNewReplicaSet(
  d: Deployment,
  rss: readonly ReplicaSet[],
): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template))
}

/** All old ReplicaSets, and those of them that still have replicas. */
export function findOldReplicaSets(
  d: Deployment,
  rss: readonly ReplicaSet[],
): { required: ReplicaSet[]; all: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rss)
  const all = rss.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid)
  return { required: all.filter((rs) => (rs.spec.replicas ?? 0) !== 0), all }
}

/** Canonical JSON with sorted keys, so equal templates always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * `controller.ComputeHash`: FNV-32a over the template (and the collision count),
 * printed in decimal and passed through `rand.SafeEncodeString`, which maps each
 * character onto the name alphabet.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = 0x811c9dc5
  const text = canonical(template) + (collisionCount ? String(collisionCount) : '')
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff
    h = Math.imul(h, 0x01000193) >>> 0
  }
  let out = ''
  for (const ch of String(h >>> 0)) out += NAME_ALPHABET[ch.charCodeAt(0) % NAME_ALPHABET.length]
  return out
}

export function getCondition(
  status: DeploymentStatus | undefined,
  type: string,
): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type)
}

export function newCondition(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message }
}

/** `SetDeploymentCondition`: no-op when status and reason are unchanged; keeps lastTransitionTime when only the reason changes. */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getCondition(status, condition.type)
  if (current && current.status === condition.status && current.reason === condition.reason) return
  if (current && current.status === condition.status)
    condition.lastTransitionTime = current.lastTransitionTime
  status.conditions = [
    ...(status.conditions ?? []).filter((c) => c.type !== condition.type),
    condition,
  ]
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (status.conditions) status.conditions = status.conditions.filter((c) => c.type !== type)
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds
  return s !== undefined && s !== 2147483647
}

/** `DeploymentComplete`. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = replicasOf(d)
  return (
    (status.updatedReplicas ?? 0) === want &&
    (status.replicas ?? 0) === want &&
    (status.availableReplicas ?? 0) === want &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  )
}

/** `DeploymentProgressing`: something moved since the last status. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0)
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  )
}

/** `DeploymentTimedOut`, reading time through `parseTime`. */
export function deploymentTimedOut(
  d: Deployment,
  next: DeploymentStatus,
  nowMs: number,
  parseTime: (t: string) => number,
): boolean {
  if (!hasProgressDeadline(d)) return false
  const cond = getCondition(next, 'Progressing')
  if (!cond) return false
  if (cond.reason === Reasons.NewRSAvailable) return false
  if (cond.reason === Reasons.TimedOut) return true
  const from = parseTime(cond.lastUpdateTime ?? '')
  return from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < nowMs
}

/** Copies the Deployment's own annotations onto a ReplicaSet (`copyDeploymentAnnotationsToReplicaSet`). */
export function copyDeploymentAnnotations(
  d: Deployment,
  annotations: Record<string, string>,
): boolean {
  let changed = false
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (annotationsNotCopied.has(k) || annotations[k] === v) continue
    annotations[k] = v
    changed = true
  }
  return changed
}

/** `SetReplicasAnnotations`. */
export function setReplicasAnnotations(
  annotations: Record<string, string>,
  desired: number,
  max: number,
): boolean {
  const d = String(desired)
  const m = String(max)
  if (annotations[DESIRED_REPLICAS_ANNOTATION] === d && annotations[MAX_REPLICAS_ANNOTATION] === m)
    return false
  annotations[DESIRED_REPLICAS_ANNOTATION] = d
  annotations[MAX_REPLICAS_ANNOTATION] = m
  return true
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]
  return v === undefined ? undefined : Number(v)
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]
  return v === undefined ? undefined : Number(v)
}

/** `IsSaturated`: the new ReplicaSet has every replica, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false
  return (
    replicasOf(rs) === replicasOf(d) &&
    desiredReplicasAnnotation(rs) === replicasOf(d) &&
    (rs.status?.availableReplicas ?? 0) === replicasOf(d)
  )
}

/** `NewRSNewReplicas`: how big the new ReplicaSet may be right now. */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet,
): number {
  if (!isRollingUpdate(d)) return replicasOf(d)
  const surge = maxSurge(d)
  const current = sumSpecReplicas(allRSs)
  const maxTotal = replicasOf(d) + surge
  if (current >= maxTotal) return replicasOf(newRS)
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS))
  return replicasOf(newRS) + scaleUp
}

/** `GetProportion` for proportional scaling of a rolling Deployment. */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = replicaSetFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs)
  const deploymentMax = replicasOf(d) + maxSurge(d)
  let before = maxReplicasAnnotation(rs)
  if (before === undefined || before === 0) before = d.status?.replicas ?? 0
  if (before === 0) return 0
  return Math.round((replicasOf(rs) * deploymentMax) / before) - replicasOf(rs)
}
