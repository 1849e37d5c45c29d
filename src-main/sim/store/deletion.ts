import {
  CUSTOM_RESOURCE_CLEANUP_FINALIZER,
  withCrdCondition,
  type CustomResourceDefinition,
} from '../api/apiextensions'
import type { Namespace, Pod } from '../api/core'
import type { KubeObject, ObjectMeta } from '../api/meta'
import { fromRfc3339, toRfc3339 } from '../kernel/time'
import { ApiError } from './errors'
import type { FieldError } from './validate'
import { formatFieldError } from './validate'
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN_DEPENDENTS } from './validate-meta'

/**
 * What a delete does, decided as the API server's registry decides it
 * (`rest.BeforeDelete`, `Store.Delete`, `updateForGracefulDeletionAndFinalizers`,
 * `deletionFinalizersForGarbageCollection`, and the namespace and CRD storages'
 * own `Delete`). Pure: the store carries the plan out.
 */

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground'

export interface DeleteOptions {
  /** Overrides the pod's `terminationGracePeriodSeconds`; 0 removes at once. Negative counts as 1. */
  gracePeriodSeconds?: number
  /** Background unless the object's finalizers already say otherwise. */
  propagationPolicy?: PropagationPolicy
  /** Deprecated form of `propagationPolicy: Orphan`. */
  orphanDependents?: boolean
  preconditions?: { uid?: string; resourceVersion?: string }
}

export type DeletePlan =
  /** Gone at once. */
  | { action: 'purge' }
  /** Nothing changes: a graceful deletion is already under way, or finalizers hold it. */
  | { action: 'keep' }
  /** Marked for deletion: the new metadata (and, for namespaces and CRDs, status). */
  | { action: 'mark'; metadata: ObjectMeta; status?: unknown }

const policies: readonly string[] = ['Foreground', 'Background', 'Orphan']

/** `ValidateDeleteOptions`, refused as `DeleteOptions.meta.k8s.io "" is invalid: ...`. */
export function validateDeleteOptions(options: DeleteOptions): void {
  const errors: FieldError[] = []
  const policy = options.propagationPolicy
  if (options.orphanDependents !== undefined && policy !== undefined) {
    errors.push({
      field: 'propagationPolicy',
      type: 'Invalid value',
      value: policy,
      detail: 'orphanDependents and deletionPropagation cannot be both set',
    })
  }
  if (policy !== undefined && !policies.includes(policy)) {
    errors.push({
      field: 'propagationPolicy',
      type: 'Unsupported value',
      value: policy,
      detail: `supported values: ${policies.map((p) => `"${p}"`).join(', ')}`,
    })
  }
  if (errors.length === 0) return
  const body =
    errors.length === 1
      ? formatFieldError(errors[0]!)
      : `[${errors.map(formatFieldError).join(', ')}]`
  throw new ApiError('Invalid', `DeleteOptions.meta.k8s.io "" is invalid: ${body}`)
}

function checkPreconditions(current: KubeObject, options: DeleteOptions, resource: string): void {
  const pre = options.preconditions
  const meta = current.metadata
  const conflict = (message: string): ApiError =>
    new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${resource} "${meta.name}": ${message}`,
    )
  if (pre?.uid !== undefined && pre.uid !== meta.uid) {
    throw conflict(
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${meta.uid}). The object might have been deleted and then recreated`,
    )
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion) {
    throw conflict(
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${meta.resourceVersion}). The object might have been modified`,
    )
  }
}

/** `shouldOrphanDependents` / `shouldDeleteDependents` with the apps/v1 default (delete dependents). */
export function gcFinalizers(
  existing: readonly string[] | undefined,
  options: DeleteOptions,
): { changed: boolean; finalizers: string[] } {
  const current = existing ?? []
  const fromExisting = (orphan: boolean): boolean => {
    for (const f of current) {
      if (f === FINALIZER_ORPHAN_DEPENDENTS) return orphan
      if (f === FINALIZER_DELETE_DEPENDENTS) return !orphan
    }
    return false
  }
  const policy = options.propagationPolicy
  const orphan =
    options.orphanDependents ?? (policy !== undefined ? policy === 'Orphan' : fromExisting(true))
  const foreground =
    options.orphanDependents !== undefined
      ? false
      : policy !== undefined
        ? policy === 'Foreground'
        : fromExisting(false)
  const finalizers = current.filter(
    (f) => f !== FINALIZER_ORPHAN_DEPENDENTS && f !== FINALIZER_DELETE_DEPENDENTS,
  )
  if (orphan) finalizers.push(FINALIZER_ORPHAN_DEPENDENTS)
  if (foreground) finalizers.push(FINALIZER_DELETE_DEPENDENTS)
  const before = new Set(current)
  const after = new Set(finalizers)
  const changed = before.size !== after.size || [...after].some((f) => !before.has(f))
  return { changed, finalizers }
}

/** `podStrategy.CheckGracefulDelete`: the grace period a pod gets. */
function podGracePeriodSeconds(pod: Pod, options: DeleteOptions): number {
  let period = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 0
  if (!pod.spec?.nodeName) period = 0
  const phase = pod.status?.phase
  if (phase === 'Failed' || phase === 'Succeeded') period = 0
  return period < 0 ? 1 : period
}

/** `markAsDeleting`: deleting now, with no grace period, waiting for finalizers. */
function markAsDeleting(meta: ObjectMeta, nowMs: number): void {
  if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1
  if (!meta.deletionTimestamp || fromRfc3339(meta.deletionTimestamp) > nowMs)
    meta.deletionTimestamp = toRfc3339(nowMs)
  meta.deletionGracePeriodSeconds = 0
}

/** The generic registry delete, for any kind. `resource` names the kind in conflicts (`Deployment.apps`). */
function planGeneric(
  current: KubeObject,
  options: DeleteOptions,
  nowMs: number,
  resource: string,
): DeletePlan {
  checkPreconditions(current, options, resource)
  const meta: ObjectMeta = { ...current.metadata }
  const grace =
    options.gracePeriodSeconds !== undefined && options.gracePeriodSeconds < 0
      ? 1
      : options.gracePeriodSeconds
  let graceful = false
  if (current.kind === 'Pod') {
    // Only pods delete gracefully; a pod already going may only have its grace period shortened.
    const previous = meta.deletionGracePeriodSeconds
    if (meta.deletionTimestamp) {
      if (previous !== undefined && previous !== 0) {
        if (grace === undefined || grace >= previous) return { action: 'keep' }
        const ts = fromRfc3339(meta.deletionTimestamp) - previous * 1000 + grace * 1000
        meta.deletionTimestamp = toRfc3339(ts)
        meta.deletionGracePeriodSeconds = grace
        graceful = true
      }
    } else {
      const period = podGracePeriodSeconds(current as Pod, {
        ...options,
        gracePeriodSeconds: grace,
      })
      meta.deletionTimestamp = toRfc3339(nowMs + period * 1000)
      meta.deletionGracePeriodSeconds = period
      if ((meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1
      graceful = true
    }
  }
  const hadFinalizers = (current.metadata.finalizers ?? []).length > 0
  const gc = gcFinalizers(current.metadata.finalizers, options)
  if (!graceful && !hadFinalizers && !gc.changed) return { action: 'purge' }
  if (gc.changed) meta.finalizers = gc.finalizers.length > 0 ? gc.finalizers : undefined
  const pending = (meta.finalizers ?? []).length > 0
  if (!graceful) {
    if (!pending) return { action: 'purge' }
    markAsDeleting(meta, nowMs)
    return { action: 'mark', metadata: meta }
  }
  if (pending || (meta.deletionGracePeriodSeconds ?? 0) > 0)
    return { action: 'mark', metadata: meta }
  return { action: 'purge' }
}

/**
 * The namespace storage's `Delete`: the first delete only starts termination
 * (phase Terminating); the namespace goes once `spec.finalizers` is empty.
 */
function planNamespace(current: Namespace, options: DeleteOptions, nowMs: number): DeletePlan {
  const meta = current.metadata
  const pre = options.preconditions
  const conflict = (what: string, wanted: string, actual: string | undefined): ApiError =>
    new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on namespaces "${meta.name}": Precondition failed: ${what} in precondition: ${wanted}, ${what} in object meta: ${actual}`,
    )
  if (pre?.uid !== undefined && pre.uid !== meta.uid) throw conflict('UID', pre.uid, meta.uid)
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion)
    throw conflict('ResourceVersion', pre.resourceVersion, meta.resourceVersion)
  if (!meta.deletionTimestamp) {
    const has = (f: string): boolean => (meta.finalizers ?? []).includes(f)
    const policy = options.propagationPolicy
    const orphan =
      options.orphanDependents ??
      (policy !== undefined ? policy === 'Orphan' : has(FINALIZER_ORPHAN_DEPENDENTS))
    const foreground =
      options.orphanDependents !== undefined
        ? !options.orphanDependents
        : policy !== undefined
          ? policy === 'Foreground'
          : has(FINALIZER_DELETE_DEPENDENTS)
    const finalizers = (meta.finalizers ?? []).filter(
      (f) => f !== FINALIZER_ORPHAN_DEPENDENTS && f !== FINALIZER_DELETE_DEPENDENTS,
    )
    if (orphan) finalizers.push(FINALIZER_ORPHAN_DEPENDENTS)
    if (foreground) finalizers.push(FINALIZER_DELETE_DEPENDENTS)
    return {
      action: 'mark',
      metadata: {
        ...meta,
        deletionTimestamp: toRfc3339(nowMs),
        finalizers: finalizers.length > 0 ? finalizers : undefined,
      },
      status: { ...current.status, phase: 'Terminating' },
    }
  }
  if ((current.spec?.finalizers ?? []).length > 0) return { action: 'keep' }
  return planGeneric(current, options, nowMs, 'namespaces')
}

/** The CRD storage's `Delete`: the first delete adds the cleanup finalizer and says so in a condition. */
function planCrd(
  current: CustomResourceDefinition,
  options: DeleteOptions,
  nowMs: number,
): DeletePlan {
  if (current.metadata.deletionTimestamp)
    return planGeneric(current, options, nowMs, 'CustomResourceDefinition.apiextensions.k8s.io')
  checkPreconditions(current, options, 'CustomResourceDefinition.apiextensions.k8s.io')
  const finalizers = current.metadata.finalizers ?? []
  const now = toRfc3339(nowMs)
  return {
    action: 'mark',
    metadata: {
      ...current.metadata,
      deletionTimestamp: now,
      finalizers: finalizers.includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)
        ? finalizers
        : [...finalizers, CUSTOM_RESOURCE_CLEANUP_FINALIZER],
    },
    status: {
      ...current.status,
      conditions: withCrdCondition(
        current.status?.conditions,
        {
          type: 'Terminating',
          status: 'True',
          reason: 'InstanceDeletionPending',
          message:
            'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
        },
        now,
      ),
    },
  }
}

/** A delete with no grace period and no options (the kubelet's last step); finalizers still hold. */
export function planForceDelete(current: KubeObject, nowMs: number): DeletePlan {
  return planGeneric(current, { gracePeriodSeconds: 0 }, nowMs, current.kind)
}

/**
 * Plans the delete of `current`. `resource` is how conflicts name the kind
 * (`Kind.group`, as `BeforeDelete` builds it from the kind, not the plural).
 */
export function planDelete(
  current: KubeObject,
  options: DeleteOptions,
  nowMs: number,
  resource: string,
): DeletePlan {
  validateDeleteOptions(options)
  if (current.kind === 'Namespace') return planNamespace(current as Namespace, options, nowMs)
  if (current.kind === 'CustomResourceDefinition')
    return planCrd(current as CustomResourceDefinition, options, nowMs)
  return planGeneric(current, options, nowMs, resource)
}
