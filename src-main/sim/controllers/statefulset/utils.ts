import type { Pod, Volume } from '../../api/core'
import type { ControllerRevision } from '../../api/controller-revision'
import { isPodAvailable, isPodReady } from '../../api/pod-util'
import {
  CONTROLLER_REVISION_HASH_LABEL,
  POD_INDEX_LABEL,
  STATEFULSET_POD_NAME_LABEL,
  type PersistentVolumeClaimRetentionPolicyType,
  type StatefulSet,
} from '../../api/statefulset'
import { scaledValue } from '../deployment/util'
import { ownerRefTo, templateFromPatch, templatePatch } from '../history/controller-history'

/** Names, identity and predicates from `stateful_set_utils.go`. */

const statefulPodRegex = /^(.*)-([0-9]+)$/

/** `getParentNameAndOrdinal`: `web-2` → `web`, 2; a name without an ordinal → -1. */
function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = statefulPodRegex.exec(pod.metadata.name)
  if (!m) return { parent: '', ordinal: -1 }
  const ordinal = Number(m[2])
  return { parent: m[1]!, ordinal: ordinal <= 0x7fffffff ? ordinal : -1 }
}

export function ordinalOf(pod: Pod): number {
  return parentAndOrdinal(pod).ordinal
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0
}

function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + (set.spec.replicas ?? 1) - 1
}

export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = ordinalOf(pod)
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set)
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`
}

export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`
}

/** `identityMatches`. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod)
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata.name
  )
}

/** `storageMatches`: every claim template is mounted from this ordinal's claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod)
  if (ordinal < 0) return false
  const volumes = new Map((pod.spec.volumes ?? []).map((v) => [v.name, v]))
  return (set.spec.volumeClaimTemplates ?? []).every(
    (t) =>
      volumes.get(t.metadata.name)?.persistentVolumeClaim?.claimName ===
      claimName(set, t.metadata.name, ordinal),
  )
}

/** `updateStorage`: the claim volumes first, then the template's other volumes. */
function storageVolumes(set: StatefulSet, ordinal: number, current: Volume[] = []): Volume[] {
  const templates = set.spec.volumeClaimTemplates ?? []
  if (templates.length === 0) return current
  const names = new Set(templates.map((t) => t.metadata.name))
  return [
    ...templates.map((t) => ({
      name: t.metadata.name,
      persistentVolumeClaim: { claimName: claimName(set, t.metadata.name, ordinal) },
    })),
    ...current.filter((v) => !names.has(v.name)),
  ]
}

/** `updateIdentity`'s labels: the pod's own name, and its index. */
export function identityLabels(
  labels: Record<string, string> | undefined,
  name: string,
  ordinal: number,
): Record<string, string> {
  return { ...labels, [STATEFULSET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) }
}

/** `newStatefulSetPod` + `setPodRevision`: a pod of `set`'s template, not yet created. */
function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string): Pod {
  const template = set.spec.template
  const name = podName(set, ordinal)
  const spec = { ...template.spec, hostname: name }
  // initIdentity sets these immutable fields only when the pod is created.
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName
  const volumes = storageVolumes(set, ordinal, template.spec.volumes)
  if (volumes.length > 0) spec.volumes = volumes
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: {
        ...identityLabels(template.metadata?.labels, name, ordinal),
        [CONTROLLER_REVISION_HASH_LABEL]: revision,
      },
      annotations: template.metadata?.annotations,
      ownerReferences: [ownerRefTo(set)],
    },
    spec,
  }
}

/**
 * `newVersionedStatefulSetPod`: ordinals below the partition are created at the
 * current revision, the others at the update revision. (Go's `&&` binds tighter
 * than `||`, and upstream's condition reads that way.)
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const strategy = currentSet.spec.updateStrategy
  const start = startOrdinal(currentSet)
  const atCurrent =
    (strategy?.type === 'RollingUpdate' &&
      strategy.rollingUpdate === undefined &&
      ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined &&
      ordinal < start + (strategy.rollingUpdate.partition ?? 0))
  return atCurrent
    ? newStatefulSetPod(currentSet, ordinal, currentRevision)
    : newStatefulSetPod(updateSet, ordinal, updateRevision)
}

export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ''
}

/** `getPatch`: what a revision stores, a patch that puts the template back. */
export function revisionData(set: StatefulSet): { spec: { template: unknown } } {
  return templatePatch(set.spec.template)
}

/** `ApplyRevision`: the set as it was at `revision`. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const template = templateFromPatch(revision.data)
  return template ? { ...set, spec: { ...set.spec, template } } : set
}

/** A pod not yet written to the store has no phase (`isCreated`). */
export function isCreated(pod: Pod): boolean {
  return Boolean(pod.status?.phase)
}

export const isPending = (pod: Pod): boolean => pod.status?.phase === 'Pending'
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed'
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded'
export const isTerminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod)
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return isPodAvailable(pod, minReadySeconds, nowMs)
}

/** `isUnavailable`: not yet created, terminating, or not available. */
export function isUnavailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return !isCreated(pod) || isTerminating(pod) || !isPodAvailable(pod, minReadySeconds, nowMs)
}

/** `allowsBurst`. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec.podManagementPolicy === 'Parallel'
}

export function retentionPolicy(set: StatefulSet): {
  whenDeleted: PersistentVolumeClaimRetentionPolicyType
  whenScaled: PersistentVolumeClaimRetentionPolicyType
} {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy
  return {
    whenDeleted: policy?.whenDeleted ?? 'Retain',
    whenScaled: policy?.whenScaled ?? 'Retain',
  }
}

/** `getStatefulSetMaxUnavailable`: 1 unless given; a percentage rounds down but never below 1. */
export function maxUnavailableOf(set: StatefulSet): number {
  const value = set.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1
  return Math.max(1, scaledValue(value, set.spec.replicas ?? 1, false))
}
