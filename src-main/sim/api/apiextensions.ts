import type { ConditionStatus, KubeObject } from './meta'

/** `apiextensions.k8s.io/v1` JSONSchemaProps: the part of OpenAPI v3 a CRD schema uses. */
export interface JSONSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean'
  description?: string
  format?: string
  properties?: Record<string, JSONSchemaProps>
  required?: string[]
  items?: JSONSchemaProps
  additionalProperties?: boolean | JSONSchemaProps
  enum?: unknown[]
  nullable?: boolean
  minimum?: number
  maximum?: number
  exclusiveMinimum?: boolean
  exclusiveMaximum?: boolean
  minLength?: number
  maxLength?: number
  pattern?: string
  minItems?: number
  maxItems?: number
  default?: unknown
  'x-kubernetes-preserve-unknown-fields'?: boolean
  'x-kubernetes-int-or-string'?: boolean
  'x-kubernetes-embedded-resource'?: boolean
  [field: string]: unknown
}

export interface CustomResourceDefinitionNames {
  plural: string
  singular?: string
  shortNames?: string[]
  kind: string
  listKind?: string
  categories?: string[]
}

export interface CustomResourceDefinitionVersion {
  name: string
  served: boolean
  storage: boolean
  deprecated?: boolean
  schema?: { openAPIV3Schema?: JSONSchemaProps }
  subresources?: {
    status?: Record<string, never>
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string }
  }
  additionalPrinterColumns?: unknown[]
}

export type CustomResourceDefinitionConditionType =
  | 'Established'
  | 'NamesAccepted'
  | 'NonStructuralSchema'
  | 'Terminating'
  | 'KubernetesAPIApprovalPolicyConformant'

export interface CustomResourceDefinitionCondition {
  type: CustomResourceDefinitionConditionType
  status: ConditionStatus
  lastTransitionTime?: string
  reason?: string
  message?: string
}

export interface CustomResourceDefinitionStatus {
  conditions?: CustomResourceDefinitionCondition[]
  acceptedNames?: Partial<CustomResourceDefinitionNames>
  storedVersions?: string[]
}

export interface CustomResourceDefinition extends KubeObject {
  apiVersion: 'apiextensions.k8s.io/v1'
  kind: 'CustomResourceDefinition'
  spec: {
    group: string
    names: CustomResourceDefinitionNames
    scope: 'Namespaced' | 'Cluster'
    versions: CustomResourceDefinitionVersion[]
    conversion?: { strategy: 'None' | 'Webhook' }
    preserveUnknownFields?: boolean
  }
  status?: CustomResourceDefinitionStatus
}

/** The finalizer the API server puts on a CRD being deleted, until its objects are gone. */
export const CUSTOM_RESOURCE_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io'

export function crdCondition(
  crd: CustomResourceDefinition,
  type: CustomResourceDefinitionConditionType,
): CustomResourceDefinitionCondition | undefined {
  return crd.status?.conditions?.find((c) => c.type === type)
}

export function isCrdConditionTrue(
  crd: CustomResourceDefinition,
  type: CustomResourceDefinitionConditionType,
): boolean {
  return crdCondition(crd, type)?.status === 'True'
}

/**
 * `SetCRDCondition`: replaces the condition of that type, keeping its
 * lastTransitionTime unless the status changes. Returns a new list.
 */
export function withCrdCondition(
  conditions: readonly CustomResourceDefinitionCondition[] | undefined,
  next: CustomResourceDefinitionCondition,
  now: string,
): CustomResourceDefinitionCondition[] {
  const list = [...(conditions ?? [])]
  const i = list.findIndex((c) => c.type === next.type)
  if (i < 0) {
    list.push({ ...next, lastTransitionTime: next.lastTransitionTime ?? now })
    return list
  }
  const old = list[i]!
  list[i] = {
    ...next,
    lastTransitionTime:
      old.status === next.status ? old.lastTransitionTime : (next.lastTransitionTime ?? now),
  }
  return list
}
