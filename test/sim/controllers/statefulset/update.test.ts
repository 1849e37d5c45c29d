import { describe, expect, it } from 'vitest'
import type { ControllerRevision } from '../../../../src-main/sim/api/controller-revision'
import type { Pod } from '../../../../src-main/sim/api/core'
import { isPodReady } from '../../../../src-main/sim/api/pod-util'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { newSim } from '../../../helpers/sim'
import { editSet, liveSet, pod, recordPodLifecycle, web } from './helpers'

const image = (sim: Simulation, name: string): string | undefined =>
  pod(sim, name)?.spec.containers[0]!.image

const revisions = (sim: Simulation): string[] =>
  sim.store
    .list<ControllerRevision>('ControllerRevision')
    .map((r) => `${r.metadata.name}@${r.revision}`)
    .sort()

function settled(sim: Simulation): boolean {
  const set = liveSet(sim)
  return (
    (set.status?.readyReplicas ?? 0) === set.spec.replicas &&
    ['web-0', 'web-1', 'web-2'].every((n) => {
      const p = pod(sim, n)
      return p && !p.metadata.deletionTimestamp && isPodReady(p)
    })
  )
}

function started(): Simulation {
  const sim = newSim()
  sim.store.create(web())
  expect(sim.runUntilTrue(() => settled(sim), 300_000)).toBe(true)
  return sim
}

describe('StatefulSet rolling update', () => {
  it.each([
    { partition: 0, updated: ['web-2', 'web-1', 'web-0'] },
    { partition: 1, updated: ['web-2', 'web-1'] },
    { partition: 2, updated: ['web-2'] },
    { partition: 3, updated: [] },
  ])(
    'with partition $partition replaces ordinals >= partition, highest first: $updated',
    ({ partition, updated }) => {
      const sim = started()
      const log = recordPodLifecycle(sim)
      const oldRevision = liveSet(sim).status!.updateRevision!
      editSet(sim, (spec) => {
        spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition } }
        spec.template.spec.containers[0]!.image = 'nginx:1.28'
      })
      sim.runFor(10 * 60_000)
      const deleted = log.filter((e) => e.startsWith('-')).map((e) => e.slice(1))
      expect(deleted).toEqual(updated)
      // One at a time: each is gone and back before the next goes.
      for (let i = 1; i < deleted.length; i++) {
        expect(log.indexOf(`+${deleted[i - 1]}`)).toBeLessThan(log.indexOf(`-${deleted[i]}`))
      }
      for (const name of ['web-0', 'web-1', 'web-2'])
        expect(image(sim, name)).toBe(updated.includes(name) ? 'nginx:1.28' : 'nginx:1.27')
      const status = liveSet(sim).status!
      expect(status.updateRevision).not.toBe(oldRevision)
      expect(status.updatedReplicas ?? 0).toBe(updated.length)
      expect(status.currentReplicas ?? 0).toBe(partition === 0 ? 3 : 3 - updated.length)
      // The update completes only when every replica is at the new revision.
      expect(status.currentRevision).toBe(partition === 0 ? status.updateRevision : oldRevision)
      expect(revisions(sim)).toHaveLength(2)
    },
  )

  it('moves the partition down to finish a staged rollout', () => {
    const sim = started()
    editSet(sim, (spec) => {
      spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }
      spec.template.spec.containers[0]!.image = 'nginx:1.28'
    })
    sim.runFor(5 * 60_000)
    expect(image(sim, 'web-2')).toBe('nginx:1.28')
    editSet(sim, (spec) => (spec.updateStrategy!.rollingUpdate!.partition = 0))
    expect(
      sim.runUntilTrue(() => image(sim, 'web-0') === 'nginx:1.28' && settled(sim), 600_000),
    ).toBe(true)
    const status = liveSet(sim).status!
    expect(status.currentRevision).toBe(status.updateRevision)
    expect([status.currentReplicas, status.updatedReplicas]).toEqual([3, 3])
  })

  it('names revisions <set>-<hash>, numbers them, and reuses one on rollback', () => {
    const sim = started()
    const first = liveSet(sim).status!.updateRevision!
    expect(first).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/)
    const revision = sim.store.get<ControllerRevision>('ControllerRevision', 'default', first)!
    expect(revision.revision).toBe(1)
    expect(revision.metadata.labels).toEqual({
      app: 'nginx',
      'controller.kubernetes.io/hash': first.slice('web-'.length),
    })
    expect(revision.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      name: 'web',
      controller: true,
    })
    expect(revision.data).toMatchObject({ spec: { template: { $patch: 'replace' } } })

    editSet(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.28'))
    expect(
      sim.runUntilTrue(() => image(sim, 'web-0') === 'nginx:1.28' && settled(sim), 600_000),
    ).toBe(true)
    const second = liveSet(sim).status!.updateRevision!
    editSet(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.27'))
    // Going back to the first template reuses its revision, moved to the head of the history.
    expect(liveSet(sim).status!.updateRevision).toBe(first)
    expect(revisions(sim)).toEqual([`${first}@3`, `${second}@2`].sort())
    expect(
      sim.runUntilTrue(() => image(sim, 'web-0') === 'nginx:1.27' && settled(sim), 600_000),
    ).toBe(true)
  })

  it('replaces nothing under OnDelete until a pod is deleted by hand', () => {
    const sim = started()
    editSet(sim, (spec) => {
      spec.updateStrategy = { type: 'OnDelete' }
      spec.template.spec.containers[0]!.image = 'nginx:1.28'
    })
    sim.runFor(5 * 60_000)
    expect(['web-0', 'web-1', 'web-2'].map((n) => image(sim, n))).toEqual([
      'nginx:1.27',
      'nginx:1.27',
      'nginx:1.27',
    ])
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'web-0' })
    expect(
      sim.runUntilTrue(() => image(sim, 'web-0') === 'nginx:1.28' && settled(sim), 300_000),
    ).toBe(true)
    expect(image(sim, 'web-1')).toBe('nginx:1.27')
  })

  it('waits for an updated pod that never becomes ready, and goes no further', () => {
    const sim = started()
    editSet(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.290'))
    sim.runFor(10 * 60_000)
    const reason = (p: Pod | undefined): string | undefined =>
      p?.status?.containerStatuses?.[0]?.state.waiting?.reason
    expect(reason(pod(sim, 'web-2'))).toBe('ImagePullBackOff')
    expect([image(sim, 'web-1'), image(sim, 'web-0')]).toEqual(['nginx:1.27', 'nginx:1.27'])
    expect(liveSet(sim).status).toMatchObject({ replicas: 3, readyReplicas: 2, updatedReplicas: 1 })
  })
})
