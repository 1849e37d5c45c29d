import type { Manifest } from '../gitops/manifest/types'
import type { ApplyOutcome, ClusterTarget } from '../gitops/ports'
import type { KubeObject } from '../sim/api/meta'
import { resolveKind } from '../sim/api/kinds'
import type { Simulation } from '../sim/simulation'
import { ApiError } from '../sim/store/errors'

/** Where `kubectl apply` keeps what it applied last, for the next three-way merge. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

type StringMap = Record<string, string>

/**
 * Three-way merge of one metadata map, as `kubectl apply` does it: keys the
 * manifest sets win, keys it set last time but no longer does are removed, and
 * keys someone else set (a controller's annotations) are kept.
 */
function mergeMap(
  live: StringMap | undefined,
  desired: StringMap | undefined,
  lastApplied: StringMap | undefined,
): StringMap | undefined {
  const merged: StringMap = { ...live }
  for (const key of Object.keys(lastApplied ?? {}))
    if (!(key in (desired ?? {}))) delete merged[key]
  Object.assign(merged, desired)
  return Object.keys(merged).length > 0 ? merged : undefined
}

function lastAppliedOf(live: KubeObject): Manifest | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED]
  if (!text) return undefined
  try {
    return JSON.parse(text) as Manifest
  } catch {
    return undefined
  }
}

/**
 * The simulated cluster behind the reconciler's `ClusterTarget` port. Apply works
 * like client-side `kubectl apply`: the manifest owns its spec and the labels and
 * annotations it declares; the server keeps status, uid, timestamps and what
 * controllers wrote.
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
      const { metadata, status: _status, ...fields } = structuredClone(obj)
      const record = `${JSON.stringify(obj)}\n`
      const annotations = { ...metadata.annotations, [LAST_APPLIED]: record }
      const live = store.get(obj.kind, metadata.namespace, metadata.name)
      if (!live) {
        store.create({ ...fields, metadata: { ...metadata, annotations } } as KubeObject)
        return { action: 'created' }
      }
      const previous = lastAppliedOf(live)?.metadata
      const next: KubeObject = {
        ...fields,
        apiVersion: live.apiVersion,
        kind: live.kind,
        status: live.status,
        metadata: {
          ...live.metadata,
          labels: mergeMap(live.metadata.labels, metadata.labels, previous?.labels),
          annotations: mergeMap(live.metadata.annotations, annotations, previous?.annotations),
        },
      }
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
