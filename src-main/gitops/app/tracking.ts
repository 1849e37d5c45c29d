import type { Manifest } from '../manifest/types'

/**
 * Argo CD's annotation tracking: each object an app applies carries
 * `<app>:<group>/<kind>:<namespace>/<name>`, so the app finds what it owns
 * (and what to prune) without confusing it with objects others made from the
 * same labels.
 */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id'

export const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''

export function trackingId(app: string, obj: Manifest): string {
  return `${app}:${groupOf(obj.apiVersion)}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name}`
}

/** Desired objects are read-only and shared between commits: each is annotated once per app. */
const annotated = new WeakMap<Manifest, { app: string; tracked: Manifest }>()

/** The desired object with the app's tracking annotation, as it is applied. */
export function withTracking(app: string, obj: Manifest): Manifest {
  const kept = annotated.get(obj)
  if (kept?.app === app) return kept.tracked
  const tracked = {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: { ...obj.metadata.annotations, [TRACKING_ANNOTATION]: trackingId(app, obj) },
    },
  }
  annotated.set(obj, { app, tracked })
  return tracked
}

/**
 * Whether a live object belongs to the app: its annotation names the app and
 * the object itself (a copied annotation on another object does not count,
 * as in Argo CD).
 */
export function isTrackedBy(app: string, live: Manifest): boolean {
  return live.metadata.annotations?.[TRACKING_ANNOTATION] === trackingId(app, live)
}
