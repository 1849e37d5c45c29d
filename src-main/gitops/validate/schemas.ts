import { FieldShapes } from './field-shapes'

/** One finding of a generated validator (Ajv's `ErrorObject`, the part used here). */
export interface SchemaError {
  /** JSON pointer to the value: `/spec/template/spec/containers/0/image`. */
  instancePath: string
  keyword: string
  params: Record<string, unknown>
}

/** The validator of one built-in kind, and what it has learnt of its fields. */
export interface KindSchema {
  check(obj: unknown): SchemaError[]
  readonly shapes: FieldShapes
}

/**
 * The group-versions a Kubernetes 1.36 API server serves by default. The package
 * also carries versions the API server no longer serves (`extensions/v1beta1`,
 * `apps/v1beta2`): those, custom resources and Drydock's own kinds are left to
 * the API server's dry run, which names what it does not know.
 */
const servedApiVersions: ReadonlySet<string> = new Set([
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'resource.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
])

const KIND_NAME = /^[A-Z][A-Za-z0-9]*$/

/** A model class of kubernetes-models: its kind, and `validate()` that throws Ajv's errors. */
interface ModelClass {
  readonly apiVersion?: string
  readonly kind?: string
  readonly prototype: { validate(this: unknown): void }
}

const loaded = new Map<string, Promise<KindSchema | undefined>>()

/**
 * The schema of a built-in kind, loaded on first use and kept for the life of
 * the process (the validators come compiled; nothing is compiled here);
 * undefined for a kind the package does not know.
 */
export function kindSchema(apiVersion: string, kind: string): Promise<KindSchema | undefined> {
  const key = `${apiVersion}/${kind}`
  let schema = loaded.get(key)
  if (!schema) {
    schema = load(apiVersion, kind)
    loaded.set(key, schema)
  }
  return schema
}

async function load(apiVersion: string, kind: string): Promise<KindSchema | undefined> {
  if (!servedApiVersions.has(apiVersion) || !KIND_NAME.test(kind)) return undefined
  let model: ModelClass | undefined
  try {
    // The package's export map: `kubernetes-models/<apiVersion>/<Kind>`, one module a kind,
    // resolved when first needed (bundlers are told not to look).
    const specifier = `kubernetes-models/${apiVersion}/${kind}`
    const module = (await import(/* @vite-ignore */ specifier)) as Record<
      string,
      ModelClass | undefined
    >
    model = module[kind]
  } catch {
    return undefined
  }
  // A type that is not a kind (`v1/PodSpec`) has no apiVersion of its own.
  if (!model || model.kind !== kind || model.apiVersion !== apiVersion) return undefined
  const validate = model.prototype.validate
  return {
    shapes: new FieldShapes(),
    check(obj) {
      try {
        validate.call(obj)
        return []
      } catch (e) {
        const errors = (e as { errors?: unknown }).errors
        if (Array.isArray(errors)) return errors as SchemaError[]
        throw e
      }
    },
  }
}
