import type { Manifest } from '../gitops/manifest/types'
import type { ApplyOutcome, ClusterTarget } from '../gitops/ports'
import type { KubeObject } from '../sim/api/meta'
import { resolveKind } from '../sim/api/kinds'
import type { Simulation } from '../sim/simulation'
import { ApiError } from '../sim/store/errors'

/** The fields of metadata a manifest owns; the rest (uid, resourceVersion…) belong to the server. */
const OWNED_METADATA = ['labels', 'annotations'] as const

/**
 * The simulated cluster behind the reconciler's `ClusterTarget` port. Apply
 * replaces what the manifest declares and keeps what the server owns (status,
 * uid, timestamps), then lets the controllers react.
 */
export class SimulationTarget implements ClusterTarget {
  constructor(private readonly sim: Simulation) {}

  isNamespaced(apiVersion: string, kind: string): boolean | undefined {
    const info = resolveKind(apiVersion, kind)
    return 'error' in info ? undefined : info.namespaced
  }

  validate(
    obj: Manifest,
    context: { namespacesToCreate: ReadonlySet<string> },
  ): string | undefined {
    return this.sim.store.dryRun(obj as KubeObject, {
      assumeNamespaces: context.namespacesToCreate,
    })?.message
  }

  apply(obj: Manifest): ApplyOutcome {
    const store = this.sim.store
    try {
      const live = store.get(obj.kind, obj.metadata.namespace, obj.metadata.name)
      if (!live) {
        store.create(structuredClone(obj) as KubeObject)
        return { action: 'created' }
      }
      const { metadata, status: _ignored, ...fields } = structuredClone(obj)
      const next: KubeObject = {
        apiVersion: live.apiVersion,
        kind: live.kind,
        metadata: { ...live.metadata },
        status: live.status,
      }
      for (const key of OWNED_METADATA) {
        if (metadata[key] === undefined) delete next.metadata[key]
        else next.metadata[key] = metadata[key] as Record<string, string>
      }
      Object.assign(next, fields)
      const written = store.update(next)
      return { action: written === live ? 'unchanged' : 'configured' }
    } catch (e) {
      if (e instanceof ApiError) return { action: 'failed', message: e.message }
      throw e
    } finally {
      this.sim.settle()
    }
  }

  get(ref: { kind: string; namespace?: string; name: string }): Manifest | undefined {
    return this.sim.store.get(ref.kind, ref.namespace, ref.name) as Manifest | undefined
  }
}
