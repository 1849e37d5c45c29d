import type { CustomResourceDefinition } from '../api/apiextensions'
import type { Namespace } from '../api/core'
import type { KubeObject } from '../api/meta'
import { defaultCrd } from './crd-validation'

/**
 * The registry strategies (`PrepareForCreate` / `PrepareForUpdate`) of the
 * kinds whose lifecycle the store itself runs: namespaces and CRDs. Each hook
 * changes the private copy the store is about to keep.
 */

/** The finalizer a namespace carries in `spec.finalizers` until the namespace controller empties it. */
export const FINALIZER_KUBERNETES = 'kubernetes'

/** The label `SetDefaults_Namespace` puts on every namespace (GA in 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name'

function defaultNamespaceLabel(ns: Namespace): void {
  // `SetDefaults_Namespace` skips a namespace without a name; validation then asks for one.
  if (!ns.metadata.name) return
  ns.metadata.labels = { ...ns.metadata.labels, [NAMESPACE_NAME_LABEL]: ns.metadata.name }
}

/** `namespaceStrategy.PrepareForCreate`: Active, with the `kubernetes` finalizer. */
function createNamespace(obj: KubeObject): void {
  const ns = obj as Namespace
  ns.status = { phase: 'Active' }
  const spec = (ns.spec = { ...ns.spec })
  const finalizers = spec.finalizers ?? []
  spec.finalizers = finalizers.includes(FINALIZER_KUBERNETES)
    ? finalizers
    : [...finalizers, FINALIZER_KUBERNETES]
  defaultNamespaceLabel(ns)
}

/** `namespaceStrategy.PrepareForUpdate`: spec.finalizers change only through finalize. */
function updateNamespace(obj: KubeObject, current: KubeObject): void {
  const ns = obj as Namespace
  ns.spec = { ...ns.spec, finalizers: (current as Namespace).spec?.finalizers }
  defaultNamespaceLabel(ns)
}

/** `strategy.PrepareForCreate` of CRDs: fresh status, the storage version recorded. */
function createCrd(obj: KubeObject): void {
  defaultCrd(obj)
  const crd = obj as CustomResourceDefinition
  const storage = Array.isArray(crd.spec?.versions)
    ? crd.spec.versions.find((v) => v?.storage)
    : undefined
  crd.status = {
    conditions: [],
    acceptedNames: { plural: '', kind: '' },
    storedVersions: storage ? [storage.name] : [],
  }
}

/** Defaults again: status belongs to the status subresource. */
function updateCrd(obj: KubeObject): void {
  defaultCrd(obj)
}

const onCreate: Partial<Record<string, (obj: KubeObject) => void>> = {
  Namespace: createNamespace,
  CustomResourceDefinition: createCrd,
}

const onUpdate: Partial<Record<string, (obj: KubeObject, current: KubeObject) => void>> = {
  Namespace: updateNamespace,
  CustomResourceDefinition: updateCrd,
}

export function prepareLifecycleCreate(obj: KubeObject): void {
  onCreate[obj.kind]?.(obj)
}

export function prepareLifecycleUpdate(obj: KubeObject, current: KubeObject): void {
  onUpdate[obj.kind]?.(obj, current)
}
