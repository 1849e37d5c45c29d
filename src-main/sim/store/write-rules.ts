import type { Namespace } from '../api/core'
import type { KubeObject } from '../api/meta'
import { deepEqual } from './equality'

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

/**
 * Whether `a` and `b` are the same in what bumps `generation`: all but
 * metadata, and status unless a subresource owns it. Structural, as
 * `deepEqual` (key order and undefined fields do not count), without
 * building the two objects to compare.
 */
export function sameGenerationFields(
  a: KubeObject,
  b: KubeObject,
  statusSubresource: boolean,
): boolean {
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  let defined = 0
  for (const key in ao) {
    const value = ao[key]
    if (value === undefined || key === 'metadata' || (statusSubresource && key === 'status'))
      continue
    defined++
    if (!deepEqual(value, bo[key])) return false
  }
  for (const key in bo) {
    if (bo[key] === undefined || key === 'metadata' || (statusSubresource && key === 'status'))
      continue
    if (--defined < 0) return false
  }
  return defined === 0
}
