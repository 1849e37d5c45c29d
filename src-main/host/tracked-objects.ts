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

  constructor(private readonly store: ObjectStore) {
    store.watch(
      ({ type, object, old }) => {
        const uid = object.metadata.uid!
        const after = type === 'DELETED' ? undefined : appOf(object)
        const before = type === 'DELETED' ? appOf(object) : old && appOf(old)
        if (before !== undefined && before !== after) this.byApp.get(before)?.delete(uid)
        if (after === undefined) return
        let objects = this.byApp.get(after)
        if (!objects) this.byApp.set(after, (objects = new Map()))
        objects.set(uid, object)
      },
      undefined,
      // Objects applied before the target was made count too.
      { resourceVersion: '0' },
    )
  }

  of(app: string): Manifest[] {
    return [...(this.byApp.get(app)?.values() ?? [])] as Manifest[]
  }
}

/** The app an object's tracking annotation names (`<app>:<group>/<kind>:<ns>/<name>`). */
function appOf(obj: KubeObject): string | undefined {
  const id = obj.metadata.annotations?.[TRACKING_ANNOTATION]
  if (id === undefined) return undefined
  const colon = id.indexOf(':')
  return colon > 0 ? id.slice(0, colon) : undefined
}
