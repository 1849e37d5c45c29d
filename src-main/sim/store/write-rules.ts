import type { Namespace } from '../api/core'
import type { KubeObject } from '../api/meta'

/**
 * `ShouldDeleteDuringUpdate`: an object being deleted with no grace period left
 * goes when an update empties its finalizers (a namespace also needs its
 * `spec.finalizers` empty).
 */
export function shouldDeleteDuringUpdate(current: KubeObject, obj: KubeObject): boolean {
  if (!current.metadata.deletionTimestamp) return false
  if ((obj.metadata.finalizers ?? []).length > 0) return false
  if ((current.metadata.deletionGracePeriodSeconds ?? 0) !== 0) return false
  if (obj.kind === 'Namespace') return ((obj as Namespace).spec?.finalizers ?? []).length === 0
  return true
}

/** True when every top-level field that counts for `generation` is the same reference. */
export function sameExceptMeta(a: KubeObject, b: KubeObject, statusSubresource: boolean): boolean {
  for (const key of Object.keys(b)) {
    if (key === 'metadata' || (statusSubresource && key === 'status')) continue
    if (a[key] !== b[key]) return false
  }
  for (const key of Object.keys(a)) if (!(key in b)) return false
  return true
}

/** What a change of bumps `generation`: all but metadata, and status unless a subresource owns it. */
export function generationFields(
  obj: KubeObject,
  statusSubresource: boolean,
): Record<string, unknown> {
  const { metadata: _m, status, ...rest } = obj
  return statusSubresource ? rest : { ...rest, status }
}
