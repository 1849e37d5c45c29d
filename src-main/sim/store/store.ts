import type { KubeObject, ObjectRef } from '../api/meta'
import { kindInfo, resolveKind, type KindInfo } from '../api/kinds'
import type { VirtualClock } from '../kernel/clock'
import type { Prng } from '../kernel/prng'
import { toRfc3339 } from '../kernel/time'
import { applyDefaults } from './defaults'
import { deepEqual, deepFreeze } from './equality'
import { ApiError, qualifiedName } from './errors'
import { keyOfObject } from './keys'
import { KindTable } from './table'
import type { Selector } from './labels'
import { formatFieldError, validateName, validateObject, type FieldError } from './validate'

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface WatchEvent {
  readonly type: WatchEventType
  readonly object: KubeObject
  /** The object before a MODIFIED event. */
  readonly old?: KubeObject
}

export type WatchListener = (event: WatchEvent) => void

export interface ListOptions {
  namespace?: string
  selector?: Selector
}

export interface DeleteOptions {
  /** Overrides the pod's `terminationGracePeriodSeconds`; 0 removes at once. */
  gracePeriodSeconds?: number
}

/** Characters `names.SimpleNameGenerator` draws from (`utilrand.String`). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * The single source of live state. Every object passes through here on its way in
 * (validated, defaulted, stamped with uid, resourceVersion and generation) and
 * every change is announced to watchers, in order, before the call returns.
 * Objects handed out are never to be changed: a component that wants to change one
 * builds a new one (sharing what it does not change) and writes it back. Strict
 * mode freezes them to prove it.
 */
export class ObjectStore {
  private readonly tables = new Map<string, KindTable>()
  /** Listeners of every kind, and listeners by kind: most components watch two or three kinds. */
  private readonly listeners: WatchListener[] = []
  private readonly kindListeners = new Map<string, WatchListener[]>()
  /** owner uid → the objects that name it in `ownerReferences`, by store key. */
  private readonly dependentsIndex = new Map<string, Map<string, KubeObject>>()
  private readonly byUid = new Map<string, KubeObject>()
  private rv = 0

  constructor(
    private readonly clock: VirtualClock,
    private readonly prng: Prng,
    /** Validate and freeze what controllers write too: slower, and what tests run. */
    readonly strict = true,
  ) {}

  /** The newest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv
  }

  get<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    return this.tables.get(kind)?.get(namespace ?? '', name) as T | undefined
  }

  getRef<T extends KubeObject = KubeObject>(ref: ObjectRef): T | undefined {
    return this.get<T>(ref.kind, ref.namespace, ref.name)
  }

  list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const table = this.tables.get(kind)
    if (!table) return []
    const out: T[] = []
    for (const obj of table.values(options.namespace)) {
      if (options.selector && !options.selector.matches(obj.metadata.labels)) continue
      out.push(obj as T)
    }
    return out
  }

  /** The objects whose ownerReferences name `ownerUid` (which may already be gone), in creation order. */
  dependents<T extends KubeObject = KubeObject>(ownerUid: string, kind?: string): T[] {
    const objects = this.dependentsIndex.get(ownerUid)
    if (!objects) return []
    const out: T[] = []
    for (const obj of objects.values())
      if (kind === undefined || obj.kind === kind) out.push(obj as T)
    return out
  }

  getByUid<T extends KubeObject = KubeObject>(uid: string): T | undefined {
    return this.byUid.get(uid) as T | undefined
  }

  count(kind: string): number {
    return this.tables.get(kind)?.size ?? 0
  }

  /** Calls `listener` on every change, in order; with `kinds`, only on changes to those kinds. */
  watch(listener: WatchListener, kinds?: readonly string[]): () => void {
    const lists = kinds
      ? kinds.map((kind) => {
          let list = this.kindListeners.get(kind)
          if (!list) this.kindListeners.set(kind, (list = []))
          return list
        })
      : [this.listeners]
    for (const list of lists) list.push(listener)
    return () => {
      for (const list of lists) {
        const i = list.indexOf(listener)
        if (i >= 0) list.splice(i, 1)
      }
    }
  }

  /**
   * Creates an object sent from outside the cluster (a manifest, a test, the API):
   * copied, defaulted and validated as the API server would, then stamped.
   */
  create<T extends KubeObject>(input: T): T {
    const info = this.admitKind(input)
    const obj = structuredClone(input) as T
    const meta = obj.metadata
    if (!info.namespaced) delete meta.namespace
    else meta.namespace ||= 'default'
    if (!meta.name && meta.generateName)
      meta.name = this.generateName(info, meta.namespace, meta.generateName)
    this.admitNamespace(info, meta.namespace)
    applyDefaults(obj)
    this.admitObject(info, obj)
    return this.insert(info, obj)
  }

  /**
   * Creates an object a controller built: the store takes it as it is, without a
   * copy or defaults (its template was defaulted when it came in). The caller
   * hands over a fresh object and its metadata, and never touches them again;
   * nested parts may be shared with other objects, as a pod shares its
   * ReplicaSet's template spec. In strict mode it is validated like any other.
   */
  createOwned<T extends KubeObject>(obj: T): T {
    const info = this.admitKind(obj)
    const meta = obj.metadata
    if (!meta.name && meta.generateName)
      meta.name = this.generateName(info, meta.namespace, meta.generateName)
    if (this.strict) {
      this.admitNamespace(info, meta.namespace)
      this.admitObject(info, obj)
    }
    return this.insert(info, obj)
  }

  private insert<T extends KubeObject>(info: KindInfo, obj: T): T {
    const meta = obj.metadata
    if (this.get(obj.kind, meta.namespace, meta.name)) {
      throw new ApiError(
        'AlreadyExists',
        `${qualifiedName(info.plural, info.group, meta.name)} already exists`,
      )
    }
    meta.uid = this.uid()
    meta.generation = 1
    meta.creationTimestamp = toRfc3339(this.clock.nowMs())
    delete meta.deletionTimestamp
    meta.resourceVersion = String(++this.rv)
    const stored = this.seal(obj)
    this.table(obj.kind).set(meta.namespace ?? '', meta.name, stored)
    this.index(undefined, stored)
    this.emit({ type: 'ADDED', object: stored })
    return stored
  }

  /**
   * Replaces an object's spec and metadata from outside, keeping its status (the
   * status subresource is written through `updateStatus`). Bumps `generation` when
   * the spec changed; an update that changes nothing writes nothing. A stale
   * `resourceVersion` is a conflict, as in the API server.
   */
  update<T extends KubeObject>(input: T): T {
    const info = this.admitKind(input)
    const current = this.requireExisting(info, input)
    const obj = structuredClone(input) as T
    if (!info.namespaced) delete obj.metadata.namespace
    applyDefaults(obj)
    this.admitObject(info, obj)
    this.checkVersion(info, current, obj)
    return this.write(info, current, obj)
  }

  /**
   * `update` for an object a controller built (see `createOwned`): no copy, no
   * defaults. A spec passed by reference is known unchanged without comparing it.
   */
  updateOwned<T extends KubeObject>(obj: T): T {
    const info = this.admitKind(obj)
    const current = this.requireExisting(info, obj)
    if (this.strict) this.admitObject(info, obj)
    this.checkVersion(info, current, obj)
    return this.write(info, current, obj)
  }

  private write<T extends KubeObject>(info: KindInfo, current: KubeObject, obj: T): T {
    obj.status = current.status
    const specChanged =
      obj.spec !== current.spec || !sameExceptMeta(current, obj)
        ? !deepEqual(withoutMetaAndStatus(current), withoutMetaAndStatus(obj))
        : false
    const meta = obj.metadata
    meta.uid = current.metadata.uid
    meta.creationTimestamp = current.metadata.creationTimestamp
    meta.deletionTimestamp = current.metadata.deletionTimestamp
    meta.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds
    meta.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0)
    if (meta.deletionTimestamp && (meta.finalizers ?? []).length === 0 && current.kind !== 'Pod') {
      this.remove(current)
      return current as T
    }
    meta.resourceVersion = current.metadata.resourceVersion
    if (!specChanged && deepEqual(meta, current.metadata)) return current as T
    return this.replace(info, current, obj)
  }

  /**
   * Runs every check a create or update would, without writing: the dry run a
   * sync makes before it touches anything. `assumeNamespaces` are treated as
   * existing (they are created earlier in the same sync).
   */
  dryRun(
    input: KubeObject,
    options: { assumeNamespaces?: ReadonlySet<string> } = {},
  ): ApiError | undefined {
    try {
      const info = this.admitKind(input)
      const obj = structuredClone(input)
      if (!info.namespaced) delete obj.metadata.namespace
      else obj.metadata.namespace ||= 'default'
      const namespace = obj.metadata.namespace
      if (!(namespace !== undefined && options.assumeNamespaces?.has(namespace)))
        this.admitNamespace(info, namespace)
      applyDefaults(obj)
      this.admitObject(info, obj)
      return undefined
    } catch (e) {
      if (e instanceof ApiError) return e
      throw e
    }
  }

  /**
   * Writes the status subresource. The status object is taken as it is: callers
   * build a fresh one (controllers) or copy at their boundary (the API).
   */
  updateStatus<T extends KubeObject>(input: T): T {
    const info = this.admitKind(input)
    const current = this.requireExisting(info, input)
    this.checkVersion(info, current, input)
    if (deepEqual(input.status, current.status)) return current as T
    const obj = { ...current, status: input.status } as T
    obj.metadata = { ...current.metadata }
    return this.replace(info, current, obj)
  }

  /**
   * Deletes an object the way the API server does: objects with finalizers, and
   * pods already bound to a node, get a `deletionTimestamp` and wait for whoever
   * owns the finalizer (or the kubelet) to finish; everything else goes at once.
   */
  delete(ref: ObjectRef, options: DeleteOptions = {}): KubeObject | undefined {
    const info = kindInfo(ref.kind)
    const current = info && this.getRef(ref)
    if (!info || !current) {
      throw new ApiError(
        'NotFound',
        `${qualifiedName(info?.plural ?? ref.kind.toLowerCase(), info?.group ?? '', ref.name)} not found`,
      )
    }
    const graceful =
      current.kind === 'Pod' && Boolean((current.spec as { nodeName?: string }).nodeName)
    const grace =
      options.gracePeriodSeconds ??
      (current.spec as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ??
      30
    const hasFinalizers = (current.metadata.finalizers ?? []).length > 0
    if ((graceful && grace > 0) || hasFinalizers) {
      if (current.metadata.deletionTimestamp) {
        const shorter = graceful && grace < (current.metadata.deletionGracePeriodSeconds ?? grace)
        if (!shorter) return current
      }
      const meta = {
        ...current.metadata,
        deletionTimestamp: toRfc3339(this.clock.nowMs() + (graceful ? grace * 1000 : 0)),
        deletionGracePeriodSeconds: graceful ? grace : 0,
      }
      return this.replace(info, current, { ...current, metadata: meta })
    }
    this.remove(current)
    return undefined
  }

  /** Takes an object out for good (the last step of a graceful delete). */
  remove(ref: ObjectRef | KubeObject): void {
    const kind = ref.kind
    const namespace =
      'metadata' in ref ? (ref as KubeObject).metadata.namespace : (ref as ObjectRef).namespace
    const name = 'metadata' in ref ? (ref as KubeObject).metadata.name : (ref as ObjectRef).name
    const current = this.tables.get(kind)?.delete(namespace ?? '', name)
    if (!current) return
    this.index(current, undefined)
    ++this.rv
    this.emit({ type: 'DELETED', object: current })
  }

  private replace<T extends KubeObject>(info: KindInfo, current: KubeObject, obj: T): T {
    obj.metadata.resourceVersion = String(++this.rv)
    const stored = this.seal(obj)
    this.table(info.kind).set(obj.metadata.namespace ?? '', obj.metadata.name, stored)
    this.index(current, stored)
    this.emit({ type: 'MODIFIED', object: stored, old: current })
    return stored
  }

  /** Keeps the uid and owner indexes pointing at the current version of each object. */
  private index(before: KubeObject | undefined, after: KubeObject | undefined): void {
    const obj = (after ?? before)!
    if (after) this.byUid.set(after.metadata.uid!, after)
    // Dependents stay indexed under a removed owner's uid: the garbage collector finds them there.
    else this.byUid.delete(obj.metadata.uid!)
    const beforeOwners = before?.metadata.ownerReferences
    const afterOwners = after?.metadata.ownerReferences
    if (!beforeOwners && !afterOwners) return
    const key = keyOfObject(obj)
    if (beforeOwners && beforeOwners !== afterOwners) {
      for (const ref of beforeOwners) {
        const objects = this.dependentsIndex.get(ref.uid)
        objects?.delete(key)
        if (objects?.size === 0) this.dependentsIndex.delete(ref.uid)
      }
    }
    if (after && afterOwners) {
      for (const ref of afterOwners) {
        let objects = this.dependentsIndex.get(ref.uid)
        if (!objects) this.dependentsIndex.set(ref.uid, (objects = new Map()))
        objects.set(key, after)
      }
    }
  }

  /** In strict mode every stored object is frozen, so a component that mutates one fails loudly. */
  private seal<T extends KubeObject>(obj: T): T {
    return this.strict ? deepFreeze(obj) : obj
  }

  private emit(event: WatchEvent): void {
    const byKind = this.kindListeners.get(event.object.kind)
    if (byKind) for (const listener of byKind) listener(event)
    for (const listener of this.listeners) listener(event)
  }

  private table(kind: string): KindTable {
    let table = this.tables.get(kind)
    if (!table) this.tables.set(kind, (table = new KindTable()))
    return table
  }

  private admitKind(obj: KubeObject): KindInfo {
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
    const resolved = resolveKind(obj.apiVersion, obj.kind)
    if ('error' in resolved) throw new ApiError('NotFound', resolved.error)
    if (!obj.metadata || typeof obj.metadata !== 'object') {
      throw this.invalid(resolved, '', [
        {
          field: 'metadata.name',
          type: 'Required value',
          detail: 'name or generateName is required',
        },
      ])
    }
    return resolved
  }

  private admitNamespace(info: KindInfo, namespace: string | undefined): void {
    if (!info.namespaced || namespace === undefined) return
    if (!this.get('Namespace', undefined, namespace)) {
      throw new ApiError('NotFound', `namespaces "${namespace}" not found`)
    }
  }

  private admitObject(info: KindInfo, obj: KubeObject): void {
    const name = obj.metadata.name
    const errors: FieldError[] =
      typeof name !== 'string' || name === ''
        ? [
            {
              field: 'metadata.name',
              type: 'Required value',
              detail: 'name or generateName is required',
            },
          ]
        : validateName(info.kind, name)
    if (info.namespaced && obj.metadata.namespace !== undefined) {
      errors.push(...validateName('Namespace', obj.metadata.namespace, 'metadata.namespace'))
    }
    errors.push(...validateObject(obj))
    if (errors.length > 0) throw this.invalid(info, String(name ?? ''), errors)
  }

  private invalid(info: KindInfo, name: string, errors: FieldError[]): ApiError {
    const kind = info.group === '' ? info.kind : `${info.kind}.${info.group}`
    const details = errors.map(formatFieldError)
    const body = details.length === 1 ? details[0] : `[${details.join(', ')}]`
    return new ApiError('Invalid', `${kind} "${name}" is invalid: ${body}`)
  }

  private requireExisting(info: KindInfo, obj: KubeObject): KubeObject {
    const current = this.get(
      obj.kind,
      info.namespaced ? (obj.metadata.namespace ?? 'default') : undefined,
      obj.metadata.name,
    )
    if (!current) {
      throw new ApiError(
        'NotFound',
        `${qualifiedName(info.plural, info.group, obj.metadata.name)} not found`,
      )
    }
    if (info.namespaced) obj.metadata.namespace ??= current.metadata.namespace
    return current
  }

  private checkVersion(info: KindInfo, current: KubeObject, obj: KubeObject): void {
    const expected = obj.metadata.resourceVersion
    if (expected !== undefined && expected !== current.metadata.resourceVersion) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedName(info.plural, info.group, obj.metadata.name)}: the object has been modified; please apply your changes to the latest version and try again`,
      )
    }
  }

  private generateName(info: KindInfo, namespace: string | undefined, prefix: string): string {
    // The API server truncates the prefix so that the generated name stays within 63 characters.
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix
    for (;;) {
      const name = base + this.prng.string(NAME_ALPHABET, 5)
      if (!this.get(info.kind, namespace, name)) return name
    }
  }

  /** A version-4 UUID from the seeded generator. */
  private uid(): string {
    const p = this.prng
    const x =
      hex8(p.nextUint32()) + hex8(p.nextUint32()) + hex8(p.nextUint32()) + hex8(p.nextUint32())
    const variant = '89ab'[p.nextUint32() & 3]
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-${variant}${x.slice(17, 20)}-${x.slice(20)}`
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0')
}

/** True when every top-level field but metadata and status is the same reference. */
function sameExceptMeta(a: KubeObject, b: KubeObject): boolean {
  for (const key of Object.keys(b)) {
    if (key !== 'metadata' && key !== 'status' && a[key] !== b[key]) return false
  }
  for (const key of Object.keys(a)) if (!(key in b)) return false
  return true
}

function withoutMetaAndStatus(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj
  return rest
}
