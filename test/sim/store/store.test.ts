import { beforeEach, describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { ApiError } from '../../../src-main/sim/store/errors'
import { ObjectStore, type WatchEvent } from '../../../src-main/sim/store/store'
import { deployment } from '../../helpers/manifests'

let clock: VirtualClock
let store: ObjectStore

beforeEach(() => {
  clock = new VirtualClock(1_767_225_600_000)
  store = new ObjectStore(clock, new Prng(1))
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
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

describe('ObjectStore writes', () => {
  it('stamps uid, resourceVersion, generation and creationTimestamp, and applies defaults', () => {
    const d = store.create(deployment('web'))
    expect(d.metadata.uid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(d.metadata.generation).toBe(1)
    expect(d.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(Number(d.metadata.resourceVersion)).toBeGreaterThan(0)
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    })
    expect(d.spec.revisionHistoryLimit).toBe(10)
    expect(d.spec.progressDeadlineSeconds).toBe(600)
    expect(d.spec.template.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent')
    expect(Object.isFrozen(d.spec)).toBe(true)
  })

  it('bumps generation on spec changes only, and writes nothing for an update that changes nothing', () => {
    const d = store.create(deployment('web'))
    const same = store.update({ ...d })
    expect(same.metadata.resourceVersion).toBe(d.metadata.resourceVersion)
    const labelled = store.update({ ...d, metadata: { ...d.metadata, labels: { tier: 'front' } } })
    expect(labelled.metadata.generation).toBe(1)
    expect(Number(labelled.metadata.resourceVersion)).toBeGreaterThan(
      Number(d.metadata.resourceVersion),
    )
    const scaled = store.update({ ...labelled, spec: { ...labelled.spec, replicas: 3 } })
    expect(scaled.metadata.generation).toBe(2)
  })

  it('keeps status on update and spec on updateStatus', () => {
    const d = store.create(deployment('web'))
    const withStatus = store.updateStatus({ ...d, status: { replicas: 1 } })
    const updated = store.update({
      ...withStatus,
      spec: { ...withStatus.spec, replicas: 2 },
      status: { replicas: 99 },
    })
    expect(updated.status).toEqual({ replicas: 1 })
    const statusOnly = store.updateStatus({
      ...updated,
      spec: { ...updated.spec, replicas: 7 },
      status: { replicas: 2 },
    })
    expect(statusOnly.spec.replicas).toBe(2)
    expect(statusOnly.status).toEqual({ replicas: 2 })
  })

  it('refuses a stale resourceVersion with the API server conflict message', () => {
    const d = store.create(deployment('web'))
    store.update({ ...d, spec: { ...d.spec, replicas: 2 } })
    const e = apiError(() => store.update({ ...d, spec: { ...d.spec, replicas: 3 } }))
    expect(e.code).toBe(409)
    expect(e.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    )
  })

  it('announces every change to watchers, in order', () => {
    const events: string[] = []
    store.watch((e: WatchEvent) =>
      events.push(`${e.type} ${e.object.kind}/${e.object.metadata.name}`),
    )
    const d = store.create(deployment('web'))
    store.update({ ...d, spec: { ...d.spec, replicas: 2 } })
    store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
    expect(events).toEqual([
      'ADDED Deployment/web',
      'MODIFIED Deployment/web',
      'DELETED Deployment/web',
    ])
  })

  it('generates names from generateName with the Kubernetes alphabet', () => {
    const pod = store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: '', generateName: 'web-' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    } as KubeObject)
    expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect((pod.status as { phase: string }).phase).toBe('Pending')
  })
})

describe('ObjectStore deletion', () => {
  const pod = (name: string, nodeName?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] },
  })

  it('marks a bound pod for graceful deletion and removes an unbound one at once', () => {
    store.create(pod('bound', 'node-1'))
    store.create(pod('unbound'))
    store.delete({ kind: 'Pod', namespace: 'default', name: 'bound' })
    store.delete({ kind: 'Pod', namespace: 'default', name: 'unbound' })
    const bound = store.get('Pod', 'default', 'bound')!
    expect(bound.metadata.deletionTimestamp).toBe('2026-01-01T00:00:30Z')
    expect(bound.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(store.get('Pod', 'default', 'unbound')).toBeUndefined()
  })

  it('indexes dependents by owner uid, and keeps them findable after the owner is gone', () => {
    const owner = store.create(deployment('web'))
    store.create({
      ...pod('child'),
      metadata: {
        name: 'child',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata.uid! },
        ],
      },
    })
    store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
    expect(store.dependents(owner.metadata.uid!).map((o) => o.metadata.name)).toEqual(['child'])
  })
})

describe('ObjectStore validation speaks the API server', () => {
  it.each<[string, KubeObject, number, string]>([
    [
      'an unknown kind',
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      404,
      'no matches for kind "Widget" in version "example.com/v1"',
    ],
    [
      'a kind in the wrong version',
      { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'w' } },
      404,
      'no matches for kind "Deployment" in version "extensions/v1beta1"',
    ],
    [
      'a missing namespace',
      { ...deployment('web'), metadata: { name: 'web', namespace: 'shop' } },
      404,
      'namespaces "shop" not found',
    ],
    [
      'a name that is not RFC 1123',
      { ...deployment('web'), metadata: { name: 'Web_1', namespace: 'default' } },
      422,
      'Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters',
    ],
    [
      'a selector that does not match the template',
      (() => {
        const d = deployment('web')
        d.spec.selector = { matchLabels: { app: 'other' } }
        return d
      })(),
      422,
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      'a container without an image',
      (() => {
        const d = deployment('web')
        d.spec.template.spec.containers[0]!.image = ''
        return d
      })(),
      422,
      'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value',
    ],
    [
      'a Service name that is not a DNS-1035 label',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: '1web', namespace: 'default' },
        spec: { ports: [{ port: 80 }] },
      },
      422,
      'Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters',
    ],
  ])('refuses %s', (_what, obj, code, message) => {
    const e = apiError(() => store.create(obj))
    expect(e.code).toBe(code)
    expect(e.message.startsWith(message)).toBe(true)
    expect(store.dryRun(obj)?.message).toBe(e.message)
  })

  it('refuses a duplicate with AlreadyExists', () => {
    store.create(deployment('web'))
    expect(apiError(() => store.create(deployment('web'))).message).toBe(
      'deployments.apps "web" already exists',
    )
  })

  it('lets a dry run assume namespaces the same sync creates', () => {
    const obj = { ...deployment('web'), metadata: { name: 'web', namespace: 'shop' } }
    expect(store.dryRun(obj)?.message).toBe('namespaces "shop" not found')
    expect(store.dryRun(obj, { assumeNamespaces: new Set(['shop']) })).toBeUndefined()
  })
})
