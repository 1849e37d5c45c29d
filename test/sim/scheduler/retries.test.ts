import { describe, expect, it } from 'vitest'
import type { Node, Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { fixture } from '../../helpers/fixtures'
import { apply, newSim, statuses } from '../../helpers/sim'
import { WORKERS, createPods, fixturePod, nodeOf, patchNode, setTaints } from './helpers'

/** How long a pod that failed once may wait for its back-off (1 s) plus the reaction window. */
const RETRY_MS = 2_000

interface Case {
  name: string
  pod: Pod
  /** What keeps the pod Pending, then what lets it in. */
  block: (sim: Simulation) => void
  unblock: (sim: Simulation) => void
  node: string
}

const cases: Case[] = [
  {
    name: 'a node that matches its nodeSelector joins',
    pod: fixturePod('pod.yaml', 'ssd', (p) => (p.spec.nodeSelector = { disktype: 'ssd' })),
    block: () => {},
    unblock: (sim) => sim.store.create(fixture<Node>('scheduler', 'node-ssd.yaml')),
    node: 'drydock-worker4',
  },
  {
    name: 'a worker is given the label it asks for',
    pod: fixturePod('pod.yaml', 'ssd', (p) => (p.spec.nodeSelector = { disktype: 'ssd' })),
    block: () => {},
    unblock: (sim) =>
      patchNode(sim, 'drydock-worker2', (n) => (n.metadata.labels!.disktype = 'ssd')),
    node: 'drydock-worker2',
  },
  {
    name: 'the taint it does not tolerate is removed',
    pod: fixturePod('pod.yaml', 'app'),
    block: (sim) => {
      for (const w of WORKERS) setTaints(sim, w, [{ key: 'maintenance', effect: 'NoSchedule' }])
    },
    unblock: (sim) => setTaints(sim, 'drydock-worker3', []),
    node: 'drydock-worker3',
  },
  {
    name: 'a worker is uncordoned',
    pod: fixturePod('pod.yaml', 'app'),
    block: (sim) => {
      for (const w of WORKERS) patchNode(sim, w, (n) => (n.spec.unschedulable = true))
    },
    unblock: (sim) => patchNode(sim, 'drydock-worker', (n) => (n.spec.unschedulable = false)),
    node: 'drydock-worker',
  },
  {
    name: 'the pod it wants to be near arrives',
    pod: fixturePod('pod-affinity-zone.yaml', 'web'),
    block: () => {},
    unblock: (sim) =>
      sim.store.create(
        fixturePod('pod.yaml', 'db', (p) => {
          p.metadata.labels = { app: 'db' }
          p.spec.nodeName = 'drydock-worker'
        }),
      ),
    node: 'drydock-worker',
  },
  {
    name: 'the pod holding its host port goes away',
    pod: fixturePod('pod-host-port.yaml', 'late'),
    block: (sim) =>
      createPods(
        sim,
        WORKERS.map((w, i) =>
          fixturePod('pod-host-port.yaml', `proxy-${i}`, (p) => (p.spec.nodeName = w)),
        ),
      ),
    unblock: (sim) =>
      sim.store.delete(
        { kind: 'Pod', namespace: 'default', name: 'proxy-1' },
        { gracePeriodSeconds: 0 },
      ),
    node: 'drydock-worker2',
  },
]

describe('unschedulable pods are tried again when the cluster changes', () => {
  it.each(cases)('when $name', ({ pod, block, unblock, node }) => {
    const sim = newSim()
    block(sim)
    createPods(sim, [pod])
    sim.runFor(60_000)
    expect(nodeOf(sim, pod.metadata.name)).toBeUndefined()
    unblock(sim)
    sim.settle()
    sim.runFor(RETRY_MS)
    expect(nodeOf(sim, pod.metadata.name)).toBe(node)
  })

  it('schedules a waiting pod once room is freed', () => {
    const sim = newSim()
    apply(sim, deployment('a', { replicas: 3, cpu: '3' }))
    apply(sim, deployment('b', { replicas: 1, cpu: '2' }))
    sim.runFor(10_000)
    expect(statuses(sim, 'b')).toEqual(['Pending'])
    sim.store.delete({ kind: 'Deployment', namespace: 'default', name: 'a' })
    sim.runFor(60_000)
    expect(statuses(sim, 'b')).toEqual(['Running'])
  })

  it('does not retry on a change that cannot help', () => {
    const sim = newSim()
    createPods(sim, [
      fixturePod('pod.yaml', 'ssd', (p) => (p.spec.nodeSelector = { disktype: 'ssd' })),
    ])
    sim.runFor(60_000)
    const attempts = () => sim.store.list('Event').filter((e) => e.reason === 'FailedScheduling')[0]
    const before = (attempts() as unknown as { count: number }).count
    // A new pod elsewhere changes nothing for a node selector.
    createPods(sim, [fixturePod('pod.yaml', 'bystander')])
    sim.runFor(RETRY_MS)
    expect((attempts() as unknown as { count: number }).count).toBe(before)
  })
})
