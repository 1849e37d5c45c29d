import { TRACKING_ANNOTATION } from '../gitops/app/tracking'
import type { Manifest } from '../gitops/manifest/types'
import type { KubeObject } from '../sim/api/meta'
import type { ObjectStore } from '../sim/store/store'

/**
 * The objects each app has applied, found by their tracking annotation and kept
 * up to date from the store's watch: what an app prunes and diffs against,
 * without scanning every object of the cluster (pods and events by the
 * hundred thousand) on each look.
 */
export class TrackedObjects {
  /** App name → uid → object. */
  private readonly byApp = new Map<string, Map<string, KubeObject>>()
  private readonly listeners = new Set<(app: string) => void>()

  constructor(store: ObjectStore) {
    store.watch(
      (event) => {
        // A recorded event is no app's: it carries no tracking annotation.
        if (event.kept) return
        const { type, object, old } = event
        const uid = object.metadata.uid!
        const after = type === 'DELETED' ? undefined : appOf(object)
        const before = type === 'DELETED' ? appOf(object) : old && appOf(old)
        if (before !== undefined && before !== after) this.byApp.get(before)?.delete(uid)
        if (before !== undefined && (before !== after || !old || declaredChanged(old, object)))
          this.changed(before)
        if (after === undefined) return
        let objects = this.byApp.get(after)
        if (!objects) this.byApp.set(after, (objects = new Map()))
        objects.set(uid, object)
        if (after !== before) this.changed(after)
      },
      undefined,
      // Objects applied before the target was made count too.
      { resourceVersion: '0' },
    )
  }

  of(app: string): Manifest[] {
    return [...(this.byApp.get(app)?.values() ?? [])] as Manifest[]
  }

  /**
   * Calls `listener` with an app's name when one of its objects appears, goes,
   * or changes in what Git could declare (not on status writes): when the app's
   * comparison with Git may have changed.
   */
  onChange(listener: (app: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(app: string): void {
    for (const listener of this.listeners) listener(app)
  }
}

/**
 * Whether a write changed more than status: the store shares every part a
 * write leaves alone, so a status write keeps the other fields' identities.
 */
function declaredChanged(old: KubeObject, object: KubeObject): boolean {
  if (old.metadata.labels !== object.metadata.labels) return true
  if (old.metadata.annotations !== object.metadata.annotations) return true
  if (old.metadata.deletionTimestamp !== object.metadata.deletionTimestamp) return true
  for (const key of Object.keys(object))
    if (
      key !== 'metadata' &&
      key !== 'status' &&
      (object as Record<string, unknown>)[key] !== (old as Record<string, unknown>)[key]
    )
      return true
  return false
}

/** The app an object's tracking annotation names (`<app>:<group>/<kind>:<ns>/<name>`). */
function appOf(obj: KubeObject): string | undefined {
  const id = obj.metadata.annotations?.[TRACKING_ANNOTATION]
  if (id === undefined) return undefined
  const colon = id.indexOf(':')
  return colon > 0 ? id.slice(0, colon) : undefined
}
