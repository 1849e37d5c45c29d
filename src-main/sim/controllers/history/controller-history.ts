import type { ControllerRevision } from '../../api/controller-revision'
import type { PodTemplateSpec } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import { deepEqual } from '../../store/equality'
import { ApiError } from '../../store/errors'
import type { ObjectStore } from '../../store/store'
import { NAME_ALPHABET } from '../../store/store'

/**
 * The history of a StatefulSet or DaemonSet as ControllerRevisions
 * (`pkg/controller/history/controller_history.go`).
 */

/** `ControllerRevisionHashLabel`: the hash of a revision's data. */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash'

/** JSON with sorted keys, so that equal data always hashes alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const entries = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value)
}

/** `rand.SafeEncodeString`: each character mapped onto the name alphabet, so no word can be spelled. */
export function safeEncode(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++)
    out += NAME_ALPHABET[text.charCodeAt(i) % NAME_ALPHABET.length]
  return out
}

/**
 * `HashControllerRevision`: FNV-1 (not 1a) over the data and the collision count,
 * printed in decimal and safe-encoded.
 */
export function hashRevision(data: unknown, collisionCount?: number): string {
  let text = canonicalJson(data)
  if (collisionCount !== undefined) text += String(collisionCount)
  let h = 0x811c9dc5
  const bytes = new TextEncoder().encode(text)
  for (const byte of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0
    h = (h ^ byte) >>> 0
  }
  return safeEncode(String(h >>> 0))
}

/**
 * What StatefulSet and DaemonSet revisions store (their `getPatch`): a patch
 * that puts the pod template back as it was.
 */
export function templatePatch(template: PodTemplateSpec): { spec: { template: unknown } } {
  return { spec: { template: { ...template, $patch: 'replace' } } }
}

/** The template a `templatePatch` restores, if the data holds one. */
export function templateFromPatch(data: unknown): PodTemplateSpec | undefined {
  const template = (data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec
    ?.template
  if (!template) return undefined
  const { $patch: _, ...rest } = template
  return rest as unknown as PodTemplateSpec
}

/** `ControllerRevisionName`: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`
}

/** `NewControllerRevision`: owned by `parent`, labelled like its template plus the hash. */
export function newControllerRevision(
  parent: KubeObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount: number,
): ControllerRevision {
  const hash = hashRevision(data, collisionCount)
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(parent.metadata.name, hash),
      namespace: parent.metadata.namespace,
      labels: { ...templateLabels, [REVISION_HASH_LABEL]: hash },
      ownerReferences: [ownerRefTo(parent)],
    },
    data,
    revision,
  }
}

export function ownerRefTo(parent: KubeObject) {
  return {
    apiVersion: parent.apiVersion,
    kind: parent.kind,
    name: parent.metadata.name,
    uid: parent.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  }
}

/** `SortControllerRevisions`: by revision, then creation time, then name. */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision
    const ta = a.metadata.creationTimestamp ?? ''
    const tb = b.metadata.creationTimestamp ?? ''
    if (ta !== tb) return ta < tb ? -1 : 1
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
  })
}

/** `EqualRevision`: different hash labels settle it; otherwise the data decides. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  const ha = a.metadata.labels?.[REVISION_HASH_LABEL]
  const hb = b.metadata.labels?.[REVISION_HASH_LABEL]
  if (ha !== undefined && hb !== undefined && ha !== hb) return false
  return deepEqual(a.data, b.data)
}

export function findEqualRevisions(
  revisions: readonly ControllerRevision[],
  needle: ControllerRevision,
): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle))
}

/**
 * The revisions `parent` controls, found through the owner index. Orphaned
 * revisions are not adopted: nothing in the simulation orphans them.
 */
export function ownedRevisions(store: ObjectStore, parent: KubeObject): ControllerRevision[] {
  return store
    .dependents<ControllerRevision>(parent.metadata.uid!, 'ControllerRevision')
    .filter((r) => controllerRef(r)?.uid === parent.metadata.uid)
}

/**
 * `CreateControllerRevision`: on a name collision with different data, counts
 * the collision and tries the next name. Returns what was created (or the equal
 * revision found under that name) and the collision count it ended with.
 */
export function createRevision(
  store: ObjectStore,
  parent: KubeObject,
  revision: ControllerRevision,
  collisionCount: number,
): { created: ControllerRevision; collisionCount: number } {
  for (let count = collisionCount; ; count++) {
    const name = revisionName(parent.metadata.name, hashRevision(revision.data, count))
    const existing = store.get<ControllerRevision>(
      'ControllerRevision',
      parent.metadata.namespace,
      name,
    )
    if (existing) {
      if (deepEqual(existing.data, revision.data))
        return { created: existing, collisionCount: count }
      continue
    }
    try {
      const created = store.createOwned<ControllerRevision>({
        ...revision,
        metadata: { ...revision.metadata, name },
      })
      return { created, collisionCount: count }
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'AlreadyExists') continue
      throw e
    }
  }
}

/** `UpdateControllerRevision`: moves an existing revision to the head of the history. */
export function bumpRevision(
  store: ObjectStore,
  revision: ControllerRevision,
  newRevision: number,
): ControllerRevision {
  if (revision.revision === newRevision) return revision
  return store.updateOwned<ControllerRevision>({
    ...revision,
    metadata: { ...revision.metadata },
    revision: newRevision,
  })
}

export function deleteRevision(store: ObjectStore, revision: ControllerRevision): void {
  try {
    store.delete({
      kind: 'ControllerRevision',
      namespace: revision.metadata.namespace,
      name: revision.metadata.name,
    })
  } catch (e) {
    if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
  }
}
