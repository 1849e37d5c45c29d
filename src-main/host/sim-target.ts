import type { Manifest } from '../gitops/manifest/types'
import type { ApplyOutcome, ClusterTarget, DeleteOutcome, ObjectRef } from '../gitops/ports'
import type { KubeObject } from '../sim/api/meta'
import { resolveKind } from '../sim/api/kinds'
import type { Simulation } from '../sim/simulation'
import { ApiError } from '../sim/store/errors'
import { TrackedObjects } from './tracked-objects'

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

/** Live objects are never changed in place, so each one's record is parsed once. */
const lastApplied = new WeakMap<KubeObject, Manifest | undefined>()

function lastAppliedOf(live: KubeObject): Manifest | undefined {
  if (lastApplied.has(live)) return lastApplied.get(live)
  const text = live.metadata.annotations?.[LAST_APPLIED]
  let parsed: Manifest | undefined
  try {
    parsed = text ? (JSON.parse(text) as Manifest) : undefined
  } catch {
    parsed = undefined
  }
  lastApplied.set(live, parsed)
  return parsed
}

/**
 * The simulated cluster behind the reconciler's `ClusterTarget` port. Apply works
 * like client-side `kubectl apply`: the manifest owns its spec and the labels and
 * annotations it declares; the server keeps status, uid, timestamps and what
 * controllers wrote.
 */
export class SimulationTarget implements ClusterTarget {
  private readonly tracked: TrackedObjects

  constructor(private readonly sim: Simulation) {
    this.tracked = new TrackedObjects(sim.store)
  }

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

  /** The object `apply` writes: the manifest's fields over what the server and controllers keep. */
  private merged(obj: Manifest): { object: KubeObject; live: KubeObject | undefined } {
    // Shared with `obj`: the store copies what it is given before it changes anything.
    const { metadata, status: _status, ...fields } = obj
    const record = `${JSON.stringify(obj)}\n`
    const annotations = { ...metadata.annotations, [LAST_APPLIED]: record }
    const live = this.sim.store.get(obj.kind, metadata.namespace, metadata.name)
    if (!live)
      return { object: { ...fields, metadata: { ...metadata, annotations } } as KubeObject, live }
    const previous = lastAppliedOf(live)?.metadata
    const object: KubeObject = {
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
    return { object, live }
  }

  apply(obj: Manifest): ApplyOutcome {
    const store = this.sim.store
    try {
      const { object, live } = this.merged(obj)
      if (!live) {
        store.create(object)
        return { action: 'created' }
      }
      const written = store.update(object)
      return { action: written === live ? 'unchanged' : 'configured' }
    } catch (e) {
      if (e instanceof ApiError) return { action: 'failed', message: e.message }
      throw e
    } finally {
      this.sim.settle()
    }
  }

  predict(obj: Manifest): { object: Manifest } | { error: string } {
    const result = this.sim.store.dryRunObject(this.merged(obj).object)
    return 'error' in result
      ? { error: result.error.message }
      : { object: result.object as Manifest }
  }

  delete(ref: ObjectRef): DeleteOutcome {
    try {
      this.sim.store.delete({ kind: ref.kind, namespace: ref.namespace, name: ref.name })
      return { action: 'pruned' }
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

  listTracked(app: string): Manifest[] {
    return this.tracked.of(app)
  }

  /** Tells `listener` which app's objects changed in what Git declares (see `TrackedObjects`). */
  onTrackedChange(listener: (app: string) => void): () => void {
    return this.tracked.onChange(listener)
  }
}
