import { beforeEach, describe, expect, it } from 'vitest'
import type { ConfigMap, Namespace, Pod } from '../../../src-main/sim/api/core'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { ApiError } from '../../../src-main/sim/store/errors'
import { ObjectStore, type DeleteOptions, type WatchEvent } from '../../../src-main/sim/store/store'
import { deployment } from '../../helpers/manifests'

const T0 = 1_767_225_600_000 // 2026-01-01T00:00:00Z
let clock: VirtualClock
let store: ObjectStore

beforeEach(() => {
  clock = new VirtualClock(T0)
  store = new ObjectStore(clock, new Prng(1))
  for (const name of ['default', 'kube-system', 'kube-public', 'shop'])
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
})

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

const configMap = (name: string, finalizers?: string[]): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', finalizers },
  data: { a: '1' },
})

const cmRef = (name: string) => ({ kind: 'ConfigMap', namespace: 'default', name })

const pod = (name: string, nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] },
})

describe('finalizers', () => {
  it('marks an object with finalizers and removes it when an update empties them', () => {
    const cm = store.create(configMap('held', ['example.com/hold']))
    const events: string[] = []
    store.watch((e: WatchEvent) => events.push(`${e.type} ${e.object.metadata.resourceVersion}`))
    const marked = store.delete(cmRef('held'))!
    expect(marked.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0)
    expect(marked.metadata.generation).toBe(cm.metadata.generation! + 1)
    // Deleting again changes nothing, not even the resourceVersion.
    expect(store.delete(cmRef('held'))).toBe(marked)
    store.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } })
    expect(store.get('ConfigMap', 'default', 'held')).toBeUndefined()
    const rv = Number(marked.metadata.resourceVersion)
    expect(events).toEqual([`MODIFIED ${rv}`, `DELETED ${rv + 1}`])
  })

  it('refuses a new finalizer on an object being deleted', () => {
    store.create(configMap('held', ['example.com/hold']))
    const marked = store.delete(cmRef('held'))!
    const e = apiError(() =>
      store.update({
        ...marked,
        metadata: { ...marked.metadata, finalizers: ['example.com/hold', 'example.com/more'] },
      }),
    )
    expect(e.message).toBe(
      'ConfigMap "held" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    )
  })

  it.each<[string, string[] | undefined, DeleteOptions, string[] | 'gone']>([
    ['Background without finalizers goes at once', undefined, {}, 'gone'],
    ['Background keeps other finalizers', ['example.com/x'], {}, ['example.com/x']],
    [
      'Foreground adds foregroundDeletion',
      undefined,
      { propagationPolicy: 'Foreground' },
      ['foregroundDeletion'],
    ],
    ['Orphan adds orphan', undefined, { propagationPolicy: 'Orphan' }, ['orphan']],
    ['orphanDependents: true adds orphan', undefined, { orphanDependents: true }, ['orphan']],
    ['an existing orphan finalizer is honoured', ['orphan'], {}, ['orphan']],
    [
      'Foreground replaces orphan',
      ['orphan'],
      { propagationPolicy: 'Foreground' },
      ['foregroundDeletion'],
    ],
    [
      'Background drops both',
      ['orphan', 'example.com/x'],
      { propagationPolicy: 'Background' },
      ['example.com/x'],
    ],
  ])('%s', (_name, finalizers, options, expected) => {
    store.create(configMap('cm', finalizers))
    const result = store.delete(cmRef('cm'), options)
    if (expected === 'gone') {
      expect(result).toBeUndefined()
      expect(store.get('ConfigMap', 'default', 'cm')).toBeUndefined()
    } else {
      expect(result?.metadata.finalizers).toEqual(expected)
      expect(result?.metadata.deletionTimestamp).toBeDefined()
    }
  })
})

describe('delete options and preconditions', () => {
  it.each<[string, DeleteOptions, number, string]>([
    [
      'an unknown propagation policy',
      { propagationPolicy: 'Sideways' as 'Orphan' },
      422,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan"',
    ],
    [
      'orphanDependents with a policy',
      { propagationPolicy: 'Orphan', orphanDependents: true },
      422,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
    ],
    [
      'a uid precondition that does not hold',
      { preconditions: { uid: 'other' } },
      409,
      'Operation cannot be fulfilled on Deployment.apps "web": the UID in the precondition (other) does not match the UID in record (UID). The object might have been deleted and then recreated',
    ],
    [
      'a resourceVersion precondition that does not hold',
      { preconditions: { resourceVersion: '1' } },
      409,
      'Operation cannot be fulfilled on Deployment.apps "web": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (RV). The object might have been modified',
    ],
  ])('refuses %s', (_name, options, code, message) => {
    const d = store.create(deployment('web'))
    const rv = store.resourceVersion
    const e = apiError(() =>
      store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' }, options),
    )
    expect(e.code).toBe(code)
    expect(e.message).toBe(
      message
        .replace('(UID)', `(${d.metadata.uid})`)
        .replace('(RV)', `(${d.metadata.resourceVersion})`),
    )
    expect(store.resourceVersion).toBe(rv)
  })

  it('says what is not found', () => {
    expect(
      apiError(() => store.delete({ kind: 'Pod', namespace: 'default', name: 'x' })).message,
    ).toBe('pods "x" not found')
  })
})

describe('graceful deletion of pods', () => {
  it('gives a bound pod its grace period, which a later delete may only shorten', () => {
    store.create(pod('web', 'node-1'))
    const ref = { kind: 'Pod', namespace: 'default', name: 'web' }
    const first = store.delete(ref)!
    expect(first.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z')
    expect(first.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(store.delete(ref, { gracePeriodSeconds: 60 })).toBe(first)
    const shorter = store.delete(ref, { gracePeriodSeconds: 10 })!
    expect(shorter.metadata.deletionTimestamp).toBe('2026-01-01T00:00:10Z')
    expect(shorter.metadata.deletionGracePeriodSeconds).toBe(10)
    expect(store.delete(ref, { gracePeriodSeconds: 0 })).toBeUndefined()
  })

  it('removes unbound and finished pods at once', () => {
    store.create(pod('pending'))
    const done = store.create(pod('done', 'node-1'))
    store.updateStatus({ ...done, status: { phase: 'Succeeded' } })
    expect(store.delete({ kind: 'Pod', namespace: 'default', name: 'pending' })).toBeUndefined()
    expect(store.delete({ kind: 'Pod', namespace: 'default', name: 'done' })).toBeUndefined()
  })

  it('keeps a pod the kubelet removed while a finalizer holds it, until the finalizer goes', () => {
    store.create({
      ...pod('held', 'node-1'),
      metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] },
    })
    store.delete({ kind: 'Pod', namespace: 'default', name: 'held' })
    store.remove({ kind: 'Pod', namespace: 'default', name: 'held' })
    const held = store.get<Pod>('Pod', 'default', 'held')!
    expect(held.metadata.deletionGracePeriodSeconds).toBe(0)
    expect(held.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z')
    store.update({ ...held, metadata: { ...held.metadata, finalizers: undefined } })
    expect(store.get('Pod', 'default', 'held')).toBeUndefined()
  })

  it('keeps a pod in its grace period when its finalizers are removed', () => {
    store.create({
      ...pod('held', 'node-1'),
      metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] },
    })
    const marked = store.delete({ kind: 'Pod', namespace: 'default', name: 'held' })!
    store.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } })
    expect(store.get('Pod', 'default', 'held')).toBeDefined()
  })
})

describe('namespaces', () => {
  it.each(['default', 'kube-system', 'kube-public'])('refuses to delete %s', (name) => {
    const e = apiError(() => store.delete({ kind: 'Namespace', name }))
    expect(e.code).toBe(403)
    expect(e.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`)
  })

  it('starts termination: Terminating, deletionTimestamp, held by spec.finalizers', () => {
    const ns = store.get<Namespace>('Namespace', undefined, 'shop')!
    expect(ns.spec?.finalizers).toEqual(['kubernetes'])
    expect(ns.status?.phase).toBe('Active')
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' })
    clock.advanceTo(T0 + 5_000)
    const marked = store.delete({ kind: 'Namespace', name: 'shop' }) as Namespace
    expect(marked.status?.phase).toBe('Terminating')
    expect(marked.metadata.deletionTimestamp).toBe('2026-01-01T00:00:05Z')
    // A second delete waits for the namespace controller.
    expect(store.delete({ kind: 'Namespace', name: 'shop' })).toBe(marked)
  })

  it.each<[string, KubeObject, string]>([
    [
      'a missing namespace',
      { ...configMap('cm'), metadata: { name: 'cm', namespace: 'nowhere' } },
      'namespaces "nowhere" not found',
    ],
    [
      'a terminating namespace',
      { ...configMap('cm'), metadata: { name: 'cm', namespace: 'shop' } },
      'configmaps "cm" is forbidden: unable to create new content in namespace shop because it is being terminated',
    ],
    [
      'a terminating namespace, with a generated name',
      { ...pod(''), metadata: { name: '', generateName: 'web-', namespace: 'shop' } },
      'pods "web-" is forbidden: unable to create new content in namespace shop because it is being terminated',
    ],
  ])('refuses creating in %s', (_name, obj, message) => {
    store.delete({ kind: 'Namespace', name: 'shop' })
    const e = apiError(() => store.create(obj))
    expect(e.message).toBe(message)
    expect(store.dryRun(obj)?.message).toBe(message)
  })

  it('gives controllers the NamespaceTerminating cause', () => {
    store.delete({ kind: 'Namespace', name: 'shop' })
    const e = apiError(() =>
      store.createOwned({ ...pod(''), metadata: { name: 'p', namespace: 'shop' } }),
    )
    expect(e.causes).toEqual([
      {
        type: 'NamespaceTerminating',
        message: 'namespace shop is being terminated',
        field: 'metadata.namespace',
      },
    ])
  })
})
