import { splitApiVersion } from '../api/kinds'
import type { KubeObject } from '../api/meta'
import { validateCrd } from './crd-validation'
import { checkDecodes, dropNullMetadata } from './decode'
import { ApiError } from './errors'
import type { KindRegistry, ServedKind } from './kind-registry'
import { validateCustomResource } from './openapi-schema'
import { formatFieldError, validateObject, type FieldError } from './validate'
import { validateMetadataCreate, validateMetadataUpdate } from './validate-meta'
import { validateUpdate } from './validate-update'

/**
 * What every write passes before it reaches the store: the kind must be served,
 * the object must decode, and it must validate as the API server validates it.
 * Each refusal is an ApiError worded as the API server words it.
 */

/** `Deployment.apps`, `Pod`: how `errors.NewInvalid` names a kind. */
export function qualifiedKind(info: ServedKind): string {
  return info.group === '' ? info.kind : `${info.kind}.${info.group}`
}

export function invalid(info: ServedKind, name: string, errors: FieldError[]): ApiError {
  const details = errors.map(formatFieldError)
  // `field.ErrorList.ToAggregate` drops duplicate messages.
  const unique = [...new Set(details)]
  const body = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`
  return new ApiError('Invalid', `${qualifiedKind(info)} "${name}" is invalid: ${body}`)
}

/** The served kind of an object, refusing what is not an object of a served kind. */
export function admitKind(kinds: KindRegistry, obj: KubeObject): ServedKind {
  if (
    !obj ||
    typeof obj !== 'object' ||
    typeof obj.kind !== 'string' ||
    typeof obj.apiVersion !== 'string'
  ) {
    throw new ApiError(
      'BadRequest',
      "Object 'Kind' is missing in object: every manifest needs apiVersion and kind",
    )
  }
  const resolved = kinds.resolve(obj.apiVersion, obj.kind)
  if ('error' in resolved) throw new ApiError('NotFound', resolved.error)
  if (obj.metadata === undefined || obj.metadata === null) {
    throw invalid(resolved, '', [
      {
        field: 'metadata.name',
        type: 'Required value',
        detail: 'name or generateName is required',
      },
    ])
  }
  checkDecodes(obj, splitApiVersion(obj.apiVersion).version)
  dropNullMetadata(obj)
  return resolved
}

/** A custom resource's schema for the version it is written in. */
function schemaOf(info: ServedKind, obj: KubeObject) {
  return info.custom?.versions.get(splitApiVersion(obj.apiVersion).version)?.schema
}

/**
 * Validates an object on create (no `current`) or update. Custom resources are
 * pruned to their schema first when `prune` is set (a private copy).
 */
export function admitObject(
  info: ServedKind,
  obj: KubeObject,
  options: { current?: KubeObject; prune: boolean },
): void {
  const { current } = options
  const errors: FieldError[] = current
    ? validateMetadataUpdate(obj, current)
    : validateMetadataCreate(info.kind, info.namespaced, obj.metadata)
  if (info.custom) {
    errors.push(...validateCustomResource(obj, schemaOf(info, obj), { prune: options.prune }))
  } else if (info.kind === 'CustomResourceDefinition') {
    errors.push(...validateCrd(obj))
  } else {
    errors.push(...validateObject(obj))
  }
  if (current) errors.push(...validateUpdate(obj, current))
  if (errors.length > 0) throw invalid(info, String(obj.metadata.name ?? ''), errors)
}

/** A status written through the status subresource of a custom kind is checked against the schema too. */
export function admitCustomStatus(info: ServedKind, obj: KubeObject): void {
  if (!info.custom) return
  const errors = validateCustomResource(obj, schemaOf(info, obj), { prune: false })
  if (errors.length > 0) throw invalid(info, obj.metadata.name, errors)
}

/**
 * Runs an admission step, turning anything but an ApiError (a TypeError from a
 * field of the wrong shape deep in a spec) into the 400 the API server's
 * decoder would have answered, so no input escapes the store unexplained.
 */
export function guarded<T>(obj: KubeObject, step: () => T): T {
  try {
    return step()
  } catch (e) {
    if (e instanceof ApiError) throw e
    const kind = typeof obj?.kind === 'string' ? obj.kind : 'Object'
    const version =
      typeof obj?.apiVersion === 'string' ? splitApiVersion(obj.apiVersion).version : ''
    const reason = e instanceof Error ? e.message : String(e)
    throw new ApiError(
      'BadRequest',
      `${kind} in version "${version}" cannot be handled as a ${kind}: ${reason}`,
    )
  }
}
