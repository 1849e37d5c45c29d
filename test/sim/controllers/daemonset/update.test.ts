import { describe, expect, it } from 'vitest'
import type { ControllerRevision } from '../../../../src-main/sim/api/controller-revision'
import type { IntOrString } from '../../../../src-main/sim/api/meta'
import { newSim } from '../../../helpers/sim'
import { WORKERS, agent, daemonPods, editDs, liveDs, readyImagesByNode } from './helpers'

describe('DaemonSet rolling update', () => {
  it.each<{ maxUnavailable: IntOrString; most: number }>([
    { maxUnavailable: 1, most: 1 },
    { maxUnavailable: 2, most: 2 },
    { maxUnavailable: '50%', most: 2 },
    { maxUnavailable: '100%', most: 3 },
  ])(
    'with maxUnavailable $maxUnavailable replaces at most $most node(s) at a time',
    ({ maxUnavailable, most }) => {
      const sim = newSim()
      sim.store.create(
        agent(
          (spec) =>
            (spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } }),
        ),
      )
      sim.runFor(60_000)
      editDs(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.28'))
      let worst = 0
      const order: string[] = []
      const done = (): boolean => {
        const ready = readyImagesByNode(sim)
        worst = Math.max(worst, WORKERS.filter((n) => !ready[n]).length)
        for (const n of WORKERS) if (ready[n] === 'nginx:1.28' && !order.includes(n)) order.push(n)
        return order.length === 3 && daemonPods(sim).length === 3
      }
      expect(sim.runUntilTrue(done, 10 * 60_000)).toBe(true)
      expect(worst).toBe(most)
      expect(order).toHaveLength(3)
      expect(liveDs(sim).status).toMatchObject({
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 3,
        observedGeneration: 2,
      })
      const revisions = sim.store
        .list<ControllerRevision>('ControllerRevision')
        .map((r) => r.revision)
        .sort()
      expect(revisions).toEqual([1, 2])
    },
  )

  it('surges: with maxSurge 1 a new pod starts beside the old one before it goes', () => {
    const sim = newSim()
    sim.store.create(
      agent(
        (spec) =>
          (spec.updateStrategy = {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
          }),
      ),
    )
    sim.runFor(60_000)
    editDs(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.28'))
    let fewestReady = 3
    let mostPods = 3
    const finished = (): boolean => {
      fewestReady = Math.min(fewestReady, Object.keys(readyImagesByNode(sim)).length)
      mostPods = Math.max(mostPods, daemonPods(sim).length)
      const ready = readyImagesByNode(sim)
      return WORKERS.every((n) => ready[n] === 'nginx:1.28') && daemonPods(sim).length === 3
    }
    expect(sim.runUntilTrue(finished, 10 * 60_000)).toBe(true)
    expect(fewestReady).toBe(3)
    expect(mostPods).toBe(4)
  })

  it('waits on a pod of the new template that never becomes ready', () => {
    const sim = newSim()
    sim.store.create(agent())
    sim.runFor(60_000)
    editDs(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.290'))
    sim.runFor(10 * 60_000)
    const images = daemonPods(sim)
      .map((p) => p.spec.containers[0]!.image)
      .sort()
    expect(images).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.290'])
    expect(liveDs(sim).status).toMatchObject({ numberReady: 2, updatedNumberScheduled: 1 })
  })

  it('leaves the pods alone under OnDelete', () => {
    const sim = newSim()
    sim.store.create(agent((spec) => (spec.updateStrategy = { type: 'OnDelete' })))
    sim.runFor(60_000)
    editDs(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.28'))
    sim.runFor(5 * 60_000)
    expect(Object.values(readyImagesByNode(sim))).toEqual([
      'nginx:1.27',
      'nginx:1.27',
      'nginx:1.27',
    ])
    expect(liveDs(sim).status?.updatedNumberScheduled ?? 0).toBe(0)
  })
})
