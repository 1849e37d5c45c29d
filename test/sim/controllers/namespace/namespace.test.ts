import { describe, expect, it } from 'vitest'
import type { ConfigMap, Namespace, Pod } from '../../../../src-main/sim/api/core'
import type { Condition, KubeObject } from '../../../../src-main/sim/api/meta'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { ApiError } from '../../../../src-main/sim/store/errors'
import { deployment } from '../../../helpers/manifests'
import { newSim } from '../../../helpers/sim'

function inShop<T extends KubeObject>(obj: T): T {
  return { ...obj, metadata: { ...obj.metadata, namespace: 'shop' } }
}

/** A namespace `shop` running a three-pod Deployment and a ConfigMap. */
function shop(options: { sleeper?: boolean } = {}): Simulation {
  const sim = newSim()
  sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } })
  const d = inShop(deployment('web', { replicas: 3 }))
  if (options.sleeper) {
    d.spec.template.spec.containers[0] = {
      name: 'app',
      image: 'busybox:1.36',
      command: ['sleep', '3600'],
    }
    d.spec.template.spec.terminationGracePeriodSeconds = 20
  }
  sim.store.create(d)
  sim.store.create(configMap('settings'))
  sim.runFor(60_000)
  expect(pods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(3)
  return sim
}

const configMap = (name: string, finalizers?: string[]): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'shop', finalizers },
  data: { a: '1' },
})

const pods = (sim: Simulation): Pod[] => sim.store.list<Pod>('Pod', { namespace: 'shop' })
const ns = (sim: Simulation): Namespace | undefined =>
  sim.store.get<Namespace>('Namespace', undefined, 'shop')
const condition = (sim: Simulation, type: string): Partial<Condition> | undefined => {
  const c = ns(sim)?.status?.conditions?.find((x) => x.type === type)
  return c && { status: c.status, reason: c.reason, message: c.message }
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('deleting a namespace', () => {
  it('terminates it, deletes its content, then removes it', () => {
    const sim = shop()
    sim.store.delete({ kind: 'Namespace', name: 'shop' })
    sim.settle()
    expect(ns(sim)?.status?.phase).toBe('Terminating')
    expect(ns(sim)?.spec?.finalizers).toEqual(['kubernetes'])
    // The controller waits five seconds (namespaceDeletionGracePeriod) before it acts.
    expect(sim.store.get('ConfigMap', 'shop', 'settings')).toBeDefined()
    sim.runFor(5_000)
    expect(sim.store.get('ConfigMap', 'shop', 'settings')).toBeUndefined()
    expect(sim.store.list('Deployment', { namespace: 'shop' })).toHaveLength(0)
    expect(sim.store.list('ReplicaSet', { namespace: 'shop' })).toHaveLength(0)
    expect(pods(sim).every((p) => p.metadata.deletionTimestamp)).toBe(true)
    expect(condition(sim, 'NamespaceContentRemaining')).toEqual({
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: pods. has 3 resource instances',
    })
    expect(condition(sim, 'NamespaceDeletionContentFailure')).toEqual({
      status: 'False',
      reason: 'ContentDeleted',
      message: 'All content successfully deleted, may be waiting on finalization',
    })
    expect(condition(sim, 'NamespaceFinalizersRemaining')).toEqual({
      status: 'False',
      reason: 'ContentHasNoFinalizers',
      message: 'All content-preserving finalizers finished',
    })
    expect(sim.runUntilTrue(() => !ns(sim), 120_000)).toBe(true)
    expect(pods(sim)).toHaveLength(0)
    expect(sim.store.list('Event', { namespace: 'shop' })).toHaveLength(0)
  })

  it('keeps the namespace until its pods have had their grace period', () => {
    const sim = shop({ sleeper: true })
    const t0 = sim.nowMs()
    sim.store.delete({ kind: 'Namespace', name: 'shop' })
    sim.runFor(15_000)
    expect(pods(sim)).toHaveLength(3)
    expect(pods(sim).every((p) => p.metadata.deletionGracePeriodSeconds === 20)).toBe(true)
    expect(ns(sim)).toBeDefined()
    sim.runUntilTrue(() => pods(sim).length === 0, 120_000)
    // Deleted at t0 + 5 s, the pods go when their 20 s are up.
    expect(sim.nowMs() - t0).toBeGreaterThanOrEqual(25_000)
    expect(sim.runUntilTrue(() => !ns(sim), 120_000)).toBe(true)
  })

  it('waits for content held by a finalizer, and says so', () => {
    const sim = shop()
    sim.store.create(configMap('held', ['example.com/hold']))
    sim.store.delete({ kind: 'Namespace', name: 'shop' })
    sim.runFor(120_000)
    expect(ns(sim)?.status?.phase).toBe('Terminating')
    expect(condition(sim, 'NamespaceContentRemaining')).toEqual({
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: configmaps. has 1 resource instances',
    })
    expect(condition(sim, 'NamespaceFinalizersRemaining')).toEqual({
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message:
        'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    })
    const held = sim.store.get<ConfigMap>('ConfigMap', 'shop', 'held')!
    sim.store.update({ ...held, metadata: { ...held.metadata, finalizers: [] } })
    expect(sim.runUntilTrue(() => !ns(sim), 120_000)).toBe(true)
  })

  it('refuses new content while it terminates, and after it is gone', () => {
    const sim = shop()
    sim.store.delete({ kind: 'Namespace', name: 'shop' })
    const terminating = apiError(() => sim.store.create(configMap('late')))
    expect(terminating.code).toBe(403)
    expect(terminating.message).toBe(
      'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    )
    sim.runUntilTrue(() => !ns(sim), 120_000)
    const gone = apiError(() => sim.store.create(configMap('later')))
    expect(gone.code).toBe(404)
    expect(gone.message).toBe('namespaces "shop" not found')
  })

  it('refuses to delete the namespaces the cluster needs', () => {
    const sim = newSim()
    for (const name of ['default', 'kube-system', 'kube-public']) {
      expect(apiError(() => sim.store.delete({ kind: 'Namespace', name })).message).toBe(
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      )
    }
  })
})
