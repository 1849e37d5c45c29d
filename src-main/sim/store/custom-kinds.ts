import { isCrdConditionTrue, type CustomResourceDefinition } from '../api/apiextensions'
import {
  compareKubeAwareVersions,
  type CustomVersion,
  type KindRegistry,
  type ServedKind,
} from './kind-registry'

/**
 * The kind a CRD makes servable, once it is Established (as the discovery and
 * CRD handlers of the apiextensions-apiserver serve only established CRDs),
 * under the names the naming controller accepted.
 */
export function servedKindOf(crd: CustomResourceDefinition): ServedKind | undefined {
  if (!isCrdConditionTrue(crd, 'Established')) return undefined
  const names = crd.status?.acceptedNames
  if (!names?.kind || !names.plural) return undefined
  const versions = new Map<string, CustomVersion>()
  for (const v of crd.spec.versions) {
    if (!v.served) continue
    versions.set(v.name, {
      schema: v.schema?.openAPIV3Schema,
      statusSubresource: v.subresources?.status !== undefined,
    })
  }
  if (versions.size === 0) return undefined
  return {
    kind: names.kind,
    group: crd.spec.group,
    versions: [...versions.keys()].sort(compareKubeAwareVersions),
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    namespaced: crd.spec.scope === 'Namespaced',
    shortNames: names.shortNames ?? [],
    custom: {
      crdName: crd.metadata.name,
      versions,
      terminating: isCrdConditionTrue(crd, 'Terminating'),
    },
  }
}

/** Keeps the registry in step with one CRD (undefined when it is gone). */
export function syncCustomKind(
  registry: KindRegistry,
  crdName: string,
  crd: CustomResourceDefinition | undefined,
): void {
  const served = crd && servedKindOf(crd)
  if (!served) return registry.withdraw(crdName)
  if (!registry.serve(served)) registry.withdraw(crdName)
}
