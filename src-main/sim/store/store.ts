import type { CustomResourceDefinition } from '../api/apiextensions'
import type { Namespace, Pod, PodSpec } from '../api/core'
import type { KubeObject, ObjectRef } from '../api/meta'
import type { VirtualClock } from '../kernel/clock'
import type { Prng } from '../kernel/prng'
import { toRfc3339 } from '../kernel/time'
import { clusterAdmissions, type Admission } from './admission'
import { syncCustomKind } from './custom-kinds'
import { applyDefaults } from './defaults'
import {
  planDelete,
  planForceDelete,
  validateDeleteOptions,
  type DeleteOptions,
  type DeletePlan,
} from './deletion'
import { deepEqual, deepFreeze } from './equality'
import { dropNulls } from './decode'
import { admittedPodSpec } from './default-toleration-seconds'
import { ApiError, qualifiedName } from './errors'
import { KindRegistry, type ServedKind } from './kind-registry'
import { prepareLifecycleCreate, prepareLifecycleUpdate } from './lifecycle-strategies'
import { admitCreateInNamespace, admitNamespaceDelete } from './namespace-lifecycle'
import {
  admitCustomStatus,
  admitKind,
  admitObject,
  guarded,
  invalid,
  qualifiedKind,
} from './object-admission'
import { ObjectIndex } from './object-index'
import { compileSelection, type SelectionOptions } from './selection'
import { prepareForCreate, prepareForUpdate, resetStatusOnCreate } from './strategy'
import type { KeptObjects } from './kept-objects'
import { KindTable } from './table'
import { validateObjectUpdate } from './validate'
import { WatchHub, type WatchListener, type WatchOptions } from './watch-hub'
import type { WatchEvent } from './watch-window'
import { sameExceptMeta, sameGenerationFields, shouldDeleteDuringUpdate } from './write-rules'
import { randomUuid } from '../kernel/uuid'
import { flatString } from '../kernel/flat-string'
import { addInUseProtection } from './storage/in-use-protection'

export type { WatchEvent, WatchEventType } from './watch-window'
export type { KeptObjects } from './kept-objects'
export type { WatchListener, WatchOptions } from './watch-hub'
export type { DeleteOptions, PropagationPolicy } from './deletion'

/** `namespace`, a label selector (compiled, string or structured) and a field selector. */
export type ListOptions = SelectionOptions

export interface StoreOptions {
  /** How many recent changes a watch may start behind. */
  watchWindow?: number
}

/** Characters `names.SimpleNameGenerator` draws from (`utilrand.String`). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/**
 * The single source of live state. Every object passes through here on its way in
 * (validated, defaulted, stamped with uid, resourceVersion and generation) and
 * every change is announced to watchers, in order, before the call returns.
 * Objects handed out are never to be changed: a component that wants to change one
 * builds a new one (sharing what it does not change) and writes it back. Strict
 * mode freezes them to prove it. Every refusal is an ApiError and changes nothing.
 */
export class ObjectStore {
  /** The kinds this store serves: built-in ones and those its CRDs establish. */
  readonly kinds = new KindRegistry()
  private readonly tables = new Map<string, KindTable>()
  private readonly watchers: WatchHub
  private readonly index = new ObjectIndex()
  private rv = 0
  private writes = 0
  /** The Service allocators and the admission plugins, by kind. */
  private readonly admissions: ReadonlyMap<string, Admission>

  constructor(
    private readonly clock: VirtualClock,
    private readonly prng: Prng,
    /** Validate and freeze what controllers write too: slower, and what tests run. */
    readonly strict = true,
    options: StoreOptions = {},
  ) {
    this.watchers = new WatchHub(options.watchWindow)
    this.admissions = clusterAdmissions(this, prng)
  }

  /** The newest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv
  }

  /**
   * How many writes other than Events have been made: what a client's rate
   * limiter counts (events go out through the recorder's own client).
   */
  get writeCount(): number {
    return this.writes
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

  /** Objects of a kind, narrowed by namespace and selectors; a bad selector is a 400. */
  list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const matches = compileSelection(kind, { ...options, namespace: undefined })
    const table = this.tables.get(kind)
    if (!table) return []
    const out: T[] = []
    for (const obj of table.values(options.namespace))
      if (!matches || matches(obj)) out.push(obj as T)
    return out
  }

  /** The objects whose ownerReferences name `ownerUid` (which may already be gone), in creation order. */
  dependents<T extends KubeObject = KubeObject>(ownerUid: string, kind?: string): T[] {
    return this.index.dependents(ownerUid, kind) as T[]
  }

  /** Whether some object naming `ownerUid` satisfies `test`; stops at the first that does. */
  hasDependent(ownerUid: string, test: (dependent: KubeObject) => boolean = () => true): boolean {
    return this.index.hasDependent(ownerUid, test)
  }

  getByUid<T extends KubeObject = KubeObject>(uid: string): T | undefined {
    return this.index.getByUid(uid) as T | undefined
  }

  /** The pods bound to `nodeName`, in the order they were bound. */
  podsOnNode(nodeName: string): Pod[] {
    return this.index.byNode.podsOn(nodeName)
  }

  count(kind: string): number {
    return this.tables.get(kind)?.size ?? 0
  }

  /**
   * Calls `listener` on every change, in order; with `kinds`, only on changes to
   * those kinds; with selectors, as a filtered watch sees them. With a
   * resourceVersion, the changes since are replayed first (410 when too old).
   */
  watch(
    listener: WatchListener,
    kinds?: readonly string[],
    options: WatchOptions = {},
  ): () => void {
    return this.watchers.subscribe(listener, kinds, options, {
      resourceVersion: this.rv,
      current: (wanted) => {
        const out: WatchEvent[] = []
        for (const [kind, table] of this.tables) {
          if (wanted && !wanted.has(kind)) continue
          for (const object of table.values()) out.push({ type: 'ADDED', object })
        }
        return out
      },
    })
  }

  /**
   * Creates an object sent from outside the cluster (a manifest, a test, the API):
   * copied, defaulted and validated as the API server would, then stamped.
   */
  create<T extends KubeObject>(input: T): T {
    const { info, obj } = guarded(input, () => this.admitCreate(input, {}))
    return this.insert(info, obj as T, prepareForCreate)
  }

  private admitCreate(
    input: KubeObject,
    options: { assumeNamespaces?: ReadonlySet<string>; dryRun?: boolean },
  ): { info: ServedKind; obj: KubeObject } {
    const info = admitKind(this.kinds, input)
    if (info.custom?.terminating) {
      throw new ApiError(
        'MethodNotAllowed',
        'create not allowed while custom resource definition is terminating',
      )
    }
    const obj = structuredClone(input)
    dropNulls(obj)
    resetStatusOnCreate(obj)
    const meta = obj.metadata
    if (!info.namespaced) delete meta.namespace
    else meta.namespace ||= 'default'
    if (!options.assumeNamespaces?.has(meta.namespace ?? '')) this.admitNamespace(info, meta)
    if (!meta.name && meta.generateName && !options.dryRun)
      meta.name = this.generateName(info, meta.namespace, meta.generateName)
    applyDefaults(obj)
    prepareLifecycleCreate(obj)
    addInUseProtection(obj)
    // With a status subresource, a create cannot set status (`PrepareForCreate` of custom resources).
    if (info.custom && this.kinds.statusSubresource(info, obj.apiVersion)) delete obj.status
    this.admit(info, obj, undefined, options.dryRun ?? false)
    admitObject(info, obj, { prune: true })
    return { info, obj }
  }

  /**
   * Creates an object a controller built: the store takes it as it is, without a
   * copy or defaults (its template was defaulted when it came in). The caller
   * hands over a fresh object and its metadata, and never touches them again;
   * nested parts may be shared with other objects, as a pod shares its
   * ReplicaSet's template spec. In strict mode it is validated like any other.
   */
  createOwned<T extends KubeObject>(obj: T): T {
    const info = guarded(obj, () => {
      const served = this.strict
        ? admitKind(this.kinds, obj)
        : this.servedKind(obj.apiVersion, obj.kind)
      // The namespace lifecycle binds controllers too: nothing new in a namespace being deleted.
      this.admitNamespace(served, obj.metadata)
      const meta = obj.metadata
      if (!meta.name && meta.generateName)
        meta.name = this.generateName(served, meta.namespace, meta.generateName)
      // Admission plugins act on every pod, claim and volume, whoever creates it.
      if (obj.kind === 'Pod' && obj.spec) obj.spec = admittedPodSpec(obj.spec as PodSpec)
      addInUseProtection(obj)
      if (this.strict) admitObject(served, obj, { prune: false })
      return served
    })
    return this.insert(info, obj)
  }

  private insert<T extends KubeObject>(
    info: ServedKind,
    obj: T,
    prepare?: (obj: KubeObject) => void,
  ): T {
    const meta = obj.metadata
    if (this.get(obj.kind, meta.namespace, meta.name)) {
      throw new ApiError(
        'AlreadyExists',
        `${qualifiedName(info.plural, info.group, meta.name)} already exists`,
      )
    }
    meta.uid = this.uid()
    prepare?.(obj)
    meta.generation = 1
    meta.creationTimestamp = toRfc3339(this.clock.nowMs())
    // Deleted only when set: deleting a field an object declares (a placeholder,
    // undefined) would turn it into a slow dictionary.
    if (meta.deletionTimestamp !== undefined) delete meta.deletionTimestamp
    if (meta.deletionGracePeriodSeconds !== undefined) delete meta.deletionGracePeriodSeconds
    meta.resourceVersion = String(++this.rv)
    const stored = this.seal(obj)
    this.index.added(this.table(obj.kind).add(meta.namespace ?? '', meta.name, stored))
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
    const { info, current, obj } = guarded(input, () =>
      this.admitUpdate(input, { checkVersion: true }),
    )
    return this.write(info, current, obj as T)
  }

  private admitUpdate(
    input: KubeObject,
    options: { checkVersion: boolean; dryRun?: boolean },
  ): { info: ServedKind; current: KubeObject; obj: KubeObject } {
    const info = admitKind(this.kinds, input)
    const current = this.requireExisting(info, input)
    if (options.checkVersion) this.checkVersion(info, current, input)
    const obj = structuredClone(input)
    dropNulls(obj)
    if (!info.namespaced) delete obj.metadata.namespace
    else obj.metadata.namespace = current.metadata.namespace
    applyDefaults(obj)
    // The status subresource owns status: an update's status is dropped before it is checked.
    if (this.kinds.statusSubresource(info, obj.apiVersion)) obj.status = current.status
    prepareForUpdate(obj, current)
    prepareLifecycleUpdate(obj, current)
    this.admit(info, obj, current, options.dryRun ?? false)
    const errors = validateObjectUpdate(obj, current)
    if (errors.length > 0) throw invalid(info, obj.metadata.name, errors)
    admitObject(info, obj, { current, prune: true })
    return { info, current, obj }
  }

  /**
   * `update` for an object a controller built (see `createOwned`): no copy, no
   * defaults. A spec passed by reference is known unchanged without comparing it.
   */
  updateOwned<T extends KubeObject>(obj: T): T {
    const { info, current } = guarded(obj, () => {
      const served = this.strict
        ? admitKind(this.kinds, obj)
        : this.servedKind(obj.apiVersion, obj.kind)
      const live = this.requireExisting(served, obj)
      this.checkVersion(served, live, obj)
      if (this.strict) admitObject(served, obj, { current: live, prune: false })
      return { info: served, current: live }
    })
    return this.write(info, current, obj)
  }

  /**
   * Serves `kept` as objects of `kind` beside the ones stored (`KeptObjects`).
   * Their keeper writes them through `admitKeptCreate`, `newUid` and
   * `writeKept`, which stamp and announce them as `createOwned`, `updateOwned`
   * and `remove` would. They are not indexed by uid: an Event can own nothing.
   */
  keep(kind: string, kept: KeptObjects): void {
    this.table(kind).kept = kept
  }

  /**
   * Whether `obj` is served from its kind's keeper: found by name (a fresh
   * copy each read), not by uid.
   */
  isKept(obj: KubeObject): boolean {
    const meta = obj.metadata
    return this.tables.get(obj.kind)?.isKept(meta.namespace ?? '', meta.name) ?? false
  }

  /**
   * What `createOwned` checks before it writes an object of `kind` that a
   * keeper will hold: the namespace admits it and no stored object has the
   * name (the keeper's own names are its to keep unique). Throws the API
   * server's refusal. The name is asked for only when one of those needs it.
   */
  admitKeptCreate(kind: string, apiVersion: string, namespace: string, name: () => string): void {
    const info = this.servedKind(apiVersion, kind)
    if (!this.namespaceIsActive(info, namespace))
      this.admitNamespace(info, { namespace, name: name() })
    const table = this.tables.get(kind)
    if (table && table.ownCount > 0 && table.getOwn(namespace, name())) {
      throw new ApiError(
        'AlreadyExists',
        `${qualifiedName(info.plural, info.group, name())} already exists`,
      )
    }
  }

  /** The uid a create would stamp on the next object: drawn the same way, in the same order. */
  newUid(): string {
    return this.uid()
  }

  /**
   * A write to a kept object of `kind`: `write` records it under the next
   * resourceVersion and returns the change watchers hear of (`kept`: its
   * objects may be built only when read). In strict mode the object written
   * is built, validated and frozen like anything written.
   */
  writeKept(kind: string, write: (resourceVersion: number) => WatchEvent): void {
    const change = write(++this.rv)
    if (this.strict) {
      const object = change.object
      if (change.type !== 'DELETED')
        admitObject(admitKind(this.kinds, object), object, { current: change.old, prune: false })
      this.seal(object)
    }
    this.emit(change, kind)
  }

  /**
   * The pods/binding subresource: sets the node and the PodScheduled condition in
   * one write, as the API server's binding does, where a spec update and a status
   * update would take two.
   */
  bindOwned<T extends KubeObject>(obj: T): T {
    const { info, current } = guarded(obj, () => {
      const served = this.strict
        ? admitKind(this.kinds, obj)
        : this.servedKind(obj.apiVersion, obj.kind)
      const live = this.requireExisting(served, obj)
      this.checkVersion(served, live, obj)
      if (this.strict) admitObject(served, obj, { current: live, prune: false })
      return { info: served, current: live }
    })
    return this.write(info, current, obj, true)
  }

  private write<T extends KubeObject>(
    info: ServedKind,
    current: KubeObject,
    obj: T,
    withStatus = false,
  ): T {
    const statusSubresource = this.kinds.statusSubresource(info, obj.apiVersion) && !withStatus
    if (statusSubresource) obj.status = current.status
    // A binding always moves spec.nodeName: nothing else needs comparing to know it changed.
    const bound = withStatus && nodeNameOf(obj) !== nodeNameOf(current)
    const specChanged =
      bound ||
      (obj.spec !== current.spec || !sameExceptMeta(current, obj, statusSubresource)
        ? !sameGenerationFields(current, obj, statusSubresource)
        : false)
    const meta = obj.metadata
    const was = current.metadata
    meta.uid = was.uid
    meta.creationTimestamp = was.creationTimestamp
    // Only where either has one: a key added to a metadata object that has none
    // moves its fields out of the object into an array of their own.
    if (was.deletionTimestamp !== undefined || meta.deletionTimestamp !== undefined)
      meta.deletionTimestamp = was.deletionTimestamp
    if (
      was.deletionGracePeriodSeconds !== undefined ||
      meta.deletionGracePeriodSeconds !== undefined
    )
      meta.deletionGracePeriodSeconds = was.deletionGracePeriodSeconds
    meta.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0)
    if (shouldDeleteDuringUpdate(current, obj)) {
      this.purge(current)
      return current as T
    }
    meta.resourceVersion = current.metadata.resourceVersion
    if (
      !specChanged &&
      deepEqual(meta, current.metadata) &&
      (statusSubresource || deepEqual(obj.status, current.status))
    )
      return current as T
    return this.replace(current, obj)
  }

  /**
   * Runs every check a create or update would, without writing: the dry run a
   * sync makes before it touches anything. `assumeNamespaces` are treated as
   * existing (they are created earlier in the same sync). An object that exists
   * already is checked as the update applying it would be.
   */
  dryRun(
    input: KubeObject,
    options: { assumeNamespaces?: ReadonlySet<string> } = {},
  ): ApiError | undefined {
    const result = this.dryRunObject(input, options)
    return 'error' in result ? result.error : undefined
  }

  /**
   * The dry run, with the object as the write would store it (defaulted and
   * admitted; no resourceVersion or uid of its own yet): what a server-side
   * diff compares with the live object.
   */
  dryRunObject(
    input: KubeObject,
    options: { assumeNamespaces?: ReadonlySet<string> } = {},
  ): { object: KubeObject } | { error: ApiError } {
    try {
      return guarded(input, () => {
        const info = admitKind(this.kinds, input)
        const namespace = info.namespaced ? input.metadata.namespace || 'default' : undefined
        const live = this.get(input.kind, namespace, input.metadata.name)
        const admitted = live
          ? this.admitUpdate(
              { ...input, metadata: { ...input.metadata, namespace } },
              { checkVersion: false, dryRun: true },
            )
          : this.admitCreate(input, { assumeNamespaces: options.assumeNamespaces, dryRun: true })
        return { object: admitted.obj }
      })
    } catch (e) {
      if (e instanceof ApiError) return { error: e }
      throw e
    }
  }

  /**
   * Writes the status subresource. The status object is taken as it is: callers
   * build a fresh one (controllers) or copy at their boundary (the API).
   */
  updateStatus<T extends KubeObject>(input: T): T {
    return this.setStatus(input, input.status, true)
  }

  /**
   * `updateStatus` for a controller that read `current` and built a fresh
   * `status` for it, without a copy of the object to carry it: the live
   * version is written, as a status update without a resourceVersion is.
   */
  writeStatus<T extends KubeObject>(current: T, status: T['status']): T {
    return this.setStatus(current, status, false)
  }

  private setStatus<T extends KubeObject>(ref: T, status: unknown, checkVersion: boolean): T {
    const { info, current } = guarded(ref, () => {
      const served = this.servedKind(ref.apiVersion, ref.kind)
      if (!this.kinds.statusSubresource(served, ref.apiVersion))
        throw new ApiError('NotFound', 'the server could not find the requested resource')
      const live = this.requireExisting(served, ref)
      if (checkVersion) this.checkVersion(served, live, ref)
      return { info: served, current: live }
    })
    if (deepEqual(status, current.status)) return current as T
    const obj = { ...current, status } as T
    obj.metadata = { ...current.metadata }
    if (info.custom) guarded(ref, () => admitCustomStatus(info, obj))
    return this.replace(current, obj)
  }

  /**
   * Deletes an object the way the API server does (see `deletion.ts`): pods on a
   * node get their grace period, objects with finalizers are only marked, and the
   * propagation policy decides what the garbage collector does with dependents.
   * Returns the object still there (marked), or undefined when it is gone.
   */
  delete(ref: ObjectRef, options: DeleteOptions = {}): KubeObject | undefined {
    const { current, plan } = guarded({ kind: ref?.kind } as KubeObject, () => {
      // The handler checks the options before it looks the object up.
      validateDeleteOptions(options ?? {})
      const info = this.kinds.get(ref.kind)
      const namespace = info?.namespaced ? (ref.namespace ?? 'default') : undefined
      const live = info && this.get(ref.kind, namespace, ref.name)
      if (!info || !live) {
        throw new ApiError(
          'NotFound',
          `${qualifiedName(info?.plural ?? String(ref.kind).toLowerCase(), info?.group ?? '', ref.name)} not found`,
        )
      }
      if (ref.kind === 'Namespace') admitNamespaceDelete(ref.name)
      return {
        current: live,
        plan: planDelete(live, options ?? {}, this.clock.nowMs(), qualifiedKind(info)),
      }
    })
    return this.carryOut(current, plan)
  }

  /**
   * Deletes with no grace period: the last step of a graceful delete (the
   * kubelet's), or an expired Event. Finalizers still hold the object.
   */
  remove(ref: ObjectRef | KubeObject): void {
    const namespace =
      'metadata' in ref ? (ref as KubeObject).metadata.namespace : (ref as ObjectRef).namespace
    const name = 'metadata' in ref ? (ref as KubeObject).metadata.name : (ref as ObjectRef).name
    const current = this.get(ref.kind, namespace, name)
    if (!current) return
    this.carryOut(current, planForceDelete(current, this.clock.nowMs()))
  }

  private carryOut(current: KubeObject, plan: DeletePlan): KubeObject | undefined {
    if (plan.action === 'purge') {
      this.purge(current)
      return undefined
    }
    if (plan.action === 'keep') return current
    const status = 'status' in plan ? plan.status : current.status
    if (deepEqual(plan.metadata, current.metadata) && deepEqual(status, current.status))
      return current
    return this.replace(current, { ...current, metadata: plan.metadata, status })
  }

  /** Takes an object out for good and tells watchers, with the resourceVersion of its deletion. */
  private purge(current: KubeObject): void {
    const meta = current.metadata
    if (!this.tables.get(current.kind)?.delete(meta.namespace ?? '', meta.name)) return
    this.index.removed(current)
    const rv = ++this.rv
    const gone = this.seal({ ...current, metadata: { ...meta, resourceVersion: String(rv) } })
    this.emit({ type: 'DELETED', object: gone })
  }

  private replace<T extends KubeObject>(current: KubeObject, obj: T): T {
    obj.metadata.resourceVersion = String(++this.rv)
    const stored = this.seal(obj)
    const table = this.table(obj.kind)
    const namespace = obj.metadata.namespace ?? ''
    const slot = table.slot(namespace, obj.metadata.name)
    if (slot) {
      slot.obj = stored
      this.index.replaced(current, slot)
    } else {
      // A kept object, written through the API: from now on the table's own.
      this.index.added(table.add(namespace, obj.metadata.name, stored))
    }
    this.emit({ type: 'MODIFIED', object: stored, old: current })
    return stored
  }

  /** In strict mode every stored object is frozen, so a component that mutates one fails loudly. */
  private seal<T extends KubeObject>(obj: T): T {
    return this.strict ? deepFreeze(obj) : obj
  }

  private emit(event: WatchEvent, kind = event.object.kind): void {
    // The kinds a CRD serves follow it before anyone else hears of the change.
    if (kind === 'CustomResourceDefinition') {
      syncCustomKind(
        this.kinds,
        event.object.metadata.name,
        event.type === 'DELETED' ? undefined : (event.object as CustomResourceDefinition),
      )
    }
    if (kind !== 'Event') this.writes++
    this.watchers.emit(this.rv, event, kind)
  }

  private table(kind: string): KindTable {
    let table = this.tables.get(kind)
    if (!table) this.tables.set(kind, (table = new KindTable()))
    return table
  }

  /** The served kind of an object a controller wrote (no decoding checks). */
  private servedKind(apiVersion: string, kind: string): ServedKind {
    const resolved = this.kinds.resolve(apiVersion, kind)
    if ('error' in resolved) throw new ApiError('NotFound', resolved.error)
    return resolved
  }

  /**
   * The namespace lifecycle for a create. An active namespace (nearly every
   * create: a pod, five events for it) answers without building the refusal's
   * parts.
   */
  private admitNamespace(
    info: ServedKind,
    meta: { namespace?: string; name?: string; generateName?: string },
  ): void {
    const namespace = meta.namespace
    if (namespace === undefined || this.namespaceIsActive(info, namespace)) return
    const ns = this.get<Namespace>('Namespace', undefined, namespace)
    admitCreateInNamespace(
      {
        plural: info.plural,
        group: info.group,
        name: meta.name || meta.generateName || '',
        namespace,
      },
      () => ns,
    )
  }

  /** Whether `namespace` takes new objects of `info`'s kind: it exists and is not being deleted (or the kind has no namespace). */
  private namespaceIsActive(info: ServedKind, namespace: string): boolean {
    if (!info.namespaced) return true
    const ns = this.get<Namespace>('Namespace', undefined, namespace)
    return ns !== undefined && ns.status?.phase !== 'Terminating'
  }

  /** Allocation and admission plugins (`admission.ts`); their refusals stand alone, before validation runs. */
  private admit(
    info: ServedKind,
    obj: KubeObject,
    live: KubeObject | undefined,
    dryRun: boolean,
  ): void {
    const admission = this.admissions.get(info.kind)
    if (!admission) return
    const errors = live
      ? (admission.admitUpdate?.(obj, live, dryRun) ?? [])
      : (admission.admitCreate?.(obj, dryRun) ?? [])
    if (errors.length > 0) throw invalid(info, obj.metadata.name, errors)
  }

  private requireExisting(info: ServedKind, obj: KubeObject): KubeObject {
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
    return current
  }

  private checkVersion(info: ServedKind, current: KubeObject, obj: KubeObject): void {
    const expected = obj.metadata.resourceVersion
    if (expected !== undefined && expected !== current.metadata.resourceVersion) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedName(info.plural, info.group, obj.metadata.name)}: the object has been modified; please apply your changes to the latest version and try again`,
      )
    }
  }

  private generateName(info: ServedKind, namespace: string | undefined, prefix: string): string {
    // The API server truncates the prefix so that the generated name stays within 63 characters.
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix
    for (;;) {
      // Flat: a joined name would keep its two parts alive beside it in every pod.
      const name = flatString(base + this.prng.string(NAME_ALPHABET, 5))
      if (!this.get(info.kind, namespace, name)) return name
    }
  }

  /**
   * Draws the uids of what `build` creates from `uids` instead of the store's
   * generator: the machines under a cluster exist before it, and naming them
   * must not shift the names and addresses the cluster hands out afterwards.
   */
  withUidSource<T>(uids: Prng, build: () => T): T {
    const saved = this.uidSource
    this.uidSource = uids
    try {
      return build()
    } finally {
      this.uidSource = saved
    }
  }

  private uidSource?: Prng

  /** A version-4 UUID from the seeded generator. */
  private uid(): string {
    return randomUuid(this.uidSource ?? this.prng)
  }
}

function nodeNameOf(obj: KubeObject): unknown {
  return (obj.spec as { nodeName?: unknown } | undefined)?.nodeName
}
