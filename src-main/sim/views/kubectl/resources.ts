import { knownKinds } from '../../api/kinds'
import type { KubeObject } from '../../api/meta'
import type { ClusterReader } from '../describe/context'
import { type CrdShape, type PrinterColumn, crdColumns } from '../print/custom-resource'

/** One resource type as discovery lists it, which is what kubectl resolves names against. */
export interface ApiResource {
  readonly kind: string
  readonly group: string
  readonly version: string
  readonly plural: string
  readonly singular: string
  readonly shortNames: readonly string[]
  readonly namespaced: boolean
  /** Served through a CRD (or Drydock's own group): printed from printer columns. */
  readonly custom: boolean
  readonly printerColumns?: readonly PrinterColumn[]
}

/** Groups the Kubernetes API server itself serves; anything else is a custom resource. */
function isBuiltinGroup(group: string): boolean {
  return ['', 'apps', 'batch', 'autoscaling', 'policy'].includes(group) || group.endsWith('.k8s.io')
}

/** The resources the simulated API server serves: the built-in kinds, and those the CRDs in the store define. */
export function apiResources(store: ClusterReader): ApiResource[] {
  const out: ApiResource[] = knownKinds().map((k) => ({
    kind: k.kind,
    group: k.group,
    version: k.versions[0]!,
    plural: k.plural,
    singular: k.kind.toLowerCase(),
    shortNames: k.shortNames ?? [],
    namespaced: k.namespaced,
    custom: !isBuiltinGroup(k.group),
  }))
  for (const crd of store.list<CrdShape>('CustomResourceDefinition')) {
    // The API server serves a CRD's resource once it is Established.
    const established = crd.status?.conditions?.find((c) => c.type === 'Established')
    if (established?.status === 'False') continue
    const { group, names, versions = [] } = crd.spec
    const served = versions.find((v) => v.storage) ?? versions[0]
    const resource: ApiResource = {
      kind: names.kind,
      group,
      version: served?.name ?? 'v1',
      plural: names.plural,
      singular: names.singular || names.kind.toLowerCase(),
      shortNames: names.shortNames ?? [],
      namespaced: crd.spec.scope !== 'Cluster',
      custom: true,
      printerColumns: crdColumns(crd),
    }
    const at = out.findIndex((r) => r.kind === resource.kind && r.group === group)
    if (at >= 0) out[at] = resource
    else out.push(resource)
  }
  return out
}

/**
 * The REST mapper's reading of a resource argument, case-insensitive:
 * `pods`, `pod`, `po`, `Pod`, `deployments.apps`, `deploy.apps`, `deployments.v1.apps`.
 */
export function resolveResource(
  arg: string,
  resources: readonly ApiResource[],
): ApiResource | undefined {
  const lower = arg.toLowerCase()
  const dot = lower.indexOf('.')
  const name = dot < 0 ? lower : lower.slice(0, dot)
  const rest = dot < 0 ? undefined : lower.slice(dot + 1)
  return resources.find((r) => {
    const names = [
      r.plural,
      r.singular,
      r.kind.toLowerCase(),
      ...r.shortNames.map((s) => s.toLowerCase()),
    ]
    if (!names.includes(name)) return false
    if (rest === undefined) return true
    return rest === r.group.toLowerCase() || rest === `${r.version}.${r.group}`.toLowerCase()
  })
}

/** `deployments.apps "web"`, as the API server names an object in its errors. */
export function qualifiedName(r: ApiResource, name: string): string {
  return `${r.group ? `${r.plural}.${r.group}` : r.plural} "${name}"`
}

/** `deployment.apps`: how `kubectl get` prefixes names when several kinds print. */
export function kindPrefix(r: ApiResource): string {
  return (r.group ? `${r.kind}.${r.group}` : r.kind).toLowerCase()
}

/** API list order: by namespace, then name. */
export function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
