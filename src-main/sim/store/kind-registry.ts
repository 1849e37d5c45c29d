import type { JSONSchemaProps } from '../api/apiextensions'
import { knownKinds, splitApiVersion, type KindInfo } from '../api/kinds'

/** What a CRD says about one served version of its kind. */
export interface CustomVersion {
  readonly schema?: JSONSchemaProps
  readonly statusSubresource: boolean
}

/** The part of a served kind that comes from its CustomResourceDefinition. */
export interface CustomKind {
  readonly crdName: string
  readonly versions: ReadonlyMap<string, CustomVersion>
  /** The CRD is being deleted: its objects can be read, changed and deleted, not created. */
  readonly terminating: boolean
}

/** A kind the API server serves right now, as discovery lists it. */
export interface ServedKind extends KindInfo {
  readonly singular: string
  readonly custom?: CustomKind
}

/**
 * `kube-aware` version order (`version.CompareKubeAwareVersionStrings`): GA
 * before beta before alpha, higher numbers first, anything else last by name.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number, string] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v)
    if (!m) return [3, 0, 0, v]
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2
    return [stage, -Number(m[1]), -Number(m[3] ?? 0), v]
  }
  const ra = rank(a)
  const rb = rank(b)
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return (ra[i] as number) - (rb[i] as number)
  return ra[3] < rb[3] ? -1 : ra[3] > rb[3] ? 1 : 0
}

/**
 * The kinds one Simulation's API server serves: the built-in table, plus the
 * kinds its CustomResourceDefinitions have established. Each store has its own,
 * so two simulations never see each other's CRDs.
 */
export class KindRegistry {
  private readonly byKind = new Map<string, ServedKind>()

  constructor(builtins: readonly KindInfo[] = knownKinds()) {
    for (const info of builtins)
      this.byKind.set(info.kind, { ...info, singular: info.kind.toLowerCase() })
  }

  get(kind: string): ServedKind | undefined {
    return this.byKind.get(kind)
  }

  all(): IterableIterator<ServedKind> {
    return this.byKind.values()
  }

  /** Resolves `apiVersion` + `kind` as the REST mapper does, or says why it cannot. */
  resolve(apiVersion: string, kind: string): ServedKind | { error: string } {
    const info = this.byKind.get(kind)
    const { group, version } = splitApiVersion(apiVersion)
    if (!info || info.group !== group || !info.versions.includes(version)) {
      return { error: `no matches for kind "${kind}" in version "${apiVersion}"` }
    }
    return info
  }

  /** Whether writes to `status` of this kind in this version go through the status subresource only. */
  statusSubresource(info: ServedKind, apiVersion: string): boolean {
    if (!info.custom) return true
    return info.custom.versions.get(splitApiVersion(apiVersion).version)?.statusSubresource ?? false
  }

  /** Serves (or re-serves) a custom kind; refuses to shadow a kind served by something else. */
  serve(served: ServedKind): boolean {
    const existing = this.byKind.get(served.kind)
    if (existing && existing.custom?.crdName !== served.custom?.crdName) return false
    this.byKind.set(served.kind, served)
    return true
  }

  /** Stops serving the kinds a CRD established. */
  withdraw(crdName: string): void {
    for (const [kind, info] of this.byKind)
      if (info.custom?.crdName === crdName) this.byKind.delete(kind)
  }

  /** The kind a CRD serves, if any. */
  servedBy(crdName: string): ServedKind | undefined {
    for (const info of this.byKind.values()) if (info.custom?.crdName === crdName) return info
    return undefined
  }
}
