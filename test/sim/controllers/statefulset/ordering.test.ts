import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../../src-main/sim/api/core'
import { isPodReady } from '../../../../src-main/sim/api/pod-util'
import { newSim } from '../../../helpers/sim'
import { editSet, liveSet, pod, recordPodLifecycle, setEvents, web } from './helpers'

const runningAndReady = (p: Pod | undefined): boolean =>
  p?.status?.phase === 'Running' && isPodReady(p)

describe('StatefulSet pod management', () => {
  it.each([{ minReadySeconds: 0 }, { minReadySeconds: 10 }])(
    'OrderedReady starts web-0, web-1, web-2 in turn, each once the one before is Ready for $minReadySeconds s',
    ({ minReadySeconds }) => {
      const sim = newSim()
      const created = new Map<string, number>()
      const ready = new Map<string, number>()
      const previousReadyAtCreation: boolean[] = []
      sim.store.watch(
        ({ type, object }) => {
          const p = object as Pod
          const name = p.metadata.name
          if (type === 'ADDED') {
            created.set(name, sim.nowMs())
            const ordinal = Number(name.slice('web-'.length))
            if (ordinal > 0)
              previousReadyAtCreation.push(runningAndReady(pod(sim, `web-${ordinal - 1}`)))
          } else if (isPodReady(p) && !ready.has(name)) ready.set(name, sim.nowMs())
        },
        ['Pod'],
      )
      sim.store.create(web((spec) => (spec.minReadySeconds = minReadySeconds)))
      sim.settle()
      expect([...created.keys()]).toEqual(['web-0'])
      expect(sim.runUntilTrue(() => ready.size === 3, 300_000)).toBe(true)
      expect([...created.keys()]).toEqual(['web-0', 'web-1', 'web-2'])
      expect(previousReadyAtCreation).toEqual([true, true])
      for (const [before, after] of [
        ['web-0', 'web-1'],
        ['web-1', 'web-2'],
      ] as const) {
        expect(created.get(after)! - ready.get(before)!).toBeGreaterThanOrEqual(
          minReadySeconds * 1000,
        )
      }
    },
  )

  it('Parallel creates every pod at once, before any is ready', () => {
    const sim = newSim()
    const log = recordPodLifecycle(sim)
    sim.store.create(web((spec) => (spec.podManagementPolicy = 'Parallel')))
    sim.settle()
    expect(log).toEqual(['+web-0', '+web-1', '+web-2'])
    expect(['web-0', 'web-1', 'web-2'].map((n) => isPodReady(pod(sim, n)!))).toEqual([
      false,
      false,
      false,
    ])
    sim.runFor(60_000)
    expect(liveSet(sim).status?.readyReplicas).toBe(3)
  })

  it('gives each pod its stable identity, hostname and subdomain', () => {
    const sim = newSim()
    sim.store.create(web())
    sim.runFor(60_000)
    const set = liveSet(sim)
    const p = pod(sim, 'web-1')!
    expect(p.metadata.labels).toEqual({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': set.status!.updateRevision,
    })
    expect([p.spec.hostname, p.spec.subdomain]).toEqual(['web-1', 'nginx'])
    expect(p.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'web',
        uid: set.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ])
    expect(p.spec.volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } },
    ])
  })

  it('scales down from the highest ordinal, one pod at a time, and keeps the claims', () => {
    const sim = newSim()
    sim.store.create(web())
    sim.runFor(60_000)
    const log = recordPodLifecycle(sim)
    editSet(sim, (spec) => (spec.replicas = 1))
    expect(log).toEqual(['-web-2'])
    expect(sim.runUntilTrue(() => !pod(sim, 'web-1'), 300_000)).toBe(true)
    expect(log).toEqual(['-web-2', 'xweb-2', '-web-1', 'xweb-1'])
    expect(setEvents(sim).slice(-2)).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
    ])
    expect(sim.store.list('PersistentVolumeClaim').map((c) => c.metadata.name)).toEqual([
      'www-web-0',
      'www-web-1',
      'www-web-2',
    ])
    expect(liveSet(sim).status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    })
  })

  it('recreates a deleted pod under the same name, with the same claim', () => {
    const sim = newSim()
    sim.store.create(web())
    sim.runFor(60_000)
    const before = pod(sim, 'web-1')!
    const claim = sim.store.get('PersistentVolumeClaim', 'default', 'www-web-1')!
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'web-1' })
    sim.settle()
    expect(pod(sim, 'web-1')!.metadata.deletionTimestamp).toBeDefined()
    const replaced = (): boolean => pod(sim, 'web-1')?.metadata.uid !== before.metadata.uid
    expect(sim.runUntilTrue(replaced, 120_000)).toBe(true)
    expect(sim.runUntilTrue(() => runningAndReady(pod(sim, 'web-1')), 120_000)).toBe(true)
    expect(pod(sim, 'web-1')!.spec.hostname).toBe('web-1')
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'www-web-1')!.metadata.uid).toBe(
      claim.metadata.uid,
    )
    const counts = sim.store
      .list<KubeEvent>('Event')
      .filter((e) => e.involvedObject.name === 'web' && e.message.includes('web-1'))
      .map((e) => `${e.count} ${e.reason} ${e.message}`)
    expect(counts).toEqual([
      '1 SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      '2 SuccessfulCreate create Pod web-1 in StatefulSet web successful',
    ])
  })
})
