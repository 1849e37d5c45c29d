import type { Manifest } from '../manifest/types'
import { TRACKING_ANNOTATION } from '../app/tracking'

/** Metadata the API server writes: never part of what Git declares. */
const serverMetadata: ReadonlySet<string> = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
])

/**
 * Annotations a tool writes for its own bookkeeping: `kubectl apply`'s record of
 * what it applied, and the annotation that says which app an object belongs to.
 */
export const bookkeepingAnnotations: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  TRACKING_ANNOTATION,
])

/**
 * An object as a diff compares it (Argo CD's normalisation): without status,
 * without the metadata the server owns, without bookkeeping annotations. Both
 * sides of a diff go through it, so what is left is what Git can change.
 */
export function normaliseForDiff(obj: Manifest): Manifest {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'status') continue
    out[key] = key === 'metadata' ? normaliseMetadata(value as Manifest['metadata']) : value
  }
  return out as Manifest
}

function normaliseMetadata(metadata: Manifest['metadata']): Manifest['metadata'] {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(metadata)) {
    if (serverMetadata.has(key) || value === undefined) continue
    if (key === 'annotations' || key === 'labels') {
      const kept = Object.entries(value as Record<string, string>).filter(
        ([k]) => key !== 'annotations' || !bookkeepingAnnotations.has(k),
      )
      if (kept.length > 0) out[key] = Object.fromEntries(kept)
      continue
    }
    out[key] = value
  }
  return out as Manifest['metadata']
}
