import { describe, expect, it } from 'vitest'
import type { Namespace, Pod } from '../../../src-main/sim/api/core'
import type { PodAffinityTerm } from '../../../src-main/sim/api/pod-affinity'
import type { Simulation } from '../../../src-main/sim/simulation'
import { newSim } from '../../helpers/sim'
import {
  CONTROL_PLANE_TAINT,
  NO_VICTIMS,
  NOT_HELPFUL,
  WORKERS,
  createPods,
  failedScheduling,
  fixturePod,
  nodeOf,
} from './helpers'

// The default cluster: drydock-worker in zone-a (with the control plane), worker2 and worker3 in zone-b.
const ZONE = 'topology.kubernetes.io/zone'
const HOST = 'kubernetes.io/hostname'

function db(sim: Simulation, node: string, namespace = 'default') {
  createPods(sim, [
    fixturePod('pod.yaml', 'db', (p) => {
      p.metadata.namespace = namespace
      p.metadata.labels = { app: 'db' }
      p.spec.nodeSelector = { [HOST]: node }
    }),
  ])
}

function withAffinity(
  name: string,
  kind: 'podAffinity' | 'podAntiAffinity',
  term: PodAffinityTerm,
  preferred = false,
) {
  return fixturePod('pod.yaml', name, (p) => {
    p.spec.affinity = {
      [kind]: preferred
        ? {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: term },
            ],
          }
        : { requiredDuringSchedulingIgnoredDuringExecution: [term] },
    }
  })
}

const toDb = (topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  topologyKey,
  labelSelector: { matchLabels: { app: 'db' } },
  ...extra,
})

const webs = (n: number, make: (name: string) => Pod) =>
  Array.from({ length: n }, (_, i) => make(`web-${i}`))

describe('InterPodAffinity', () => {
  const cases: { name: string; dbNode: string; pods: Pod[]; nodes: string[] }[] = [
    {
      name: 'required affinity to the zone of a pod',
      dbNode: 'drydock-worker2',
      pods: webs(4, (n) => withAffinity(n, 'podAffinity', toDb(ZONE))),
      nodes: ['drydock-worker2', 'drydock-worker3'],
    },
    {
      name: 'required affinity to the node of a pod',
      dbNode: 'drydock-worker3',
      pods: webs(3, (n) => withAffinity(n, 'podAffinity', toDb(HOST))),
      nodes: ['drydock-worker3'],
    },
    {
      name: 'required anti-affinity to the zone of a pod',
      dbNode: 'drydock-worker3',
      pods: webs(2, (n) => withAffinity(n, 'podAntiAffinity', toDb(ZONE))),
      nodes: ['drydock-worker'],
    },
    {
      name: 'required anti-affinity to the node of a pod',
      dbNode: 'drydock-worker',
      pods: webs(4, (n) => withAffinity(n, 'podAntiAffinity', toDb(HOST))),
      nodes: ['drydock-worker2', 'drydock-worker3'],
    },
    {
      name: 'preferred affinity to the node of a pod',
      dbNode: 'drydock-worker2',
      pods: webs(3, (n) => withAffinity(n, 'podAffinity', toDb(HOST), true)),
      nodes: ['drydock-worker2'],
    },
    {
      name: 'preferred anti-affinity to the zone of a pod',
      dbNode: 'drydock-worker2',
      pods: webs(2, (n) => withAffinity(n, 'podAntiAffinity', toDb(ZONE), true)),
      nodes: ['drydock-worker'],
    },
  ]

  it.each(cases)('$name', ({ dbNode, pods, nodes }) => {
    const sim = newSim()
    db(sim, dbNode)
    createPods(sim, pods)
    for (const p of pods) expect(nodes).toContain(nodeOf(sim, p.metadata.name))
  })

  it('puts one pod per zone with zone anti-affinity to itself, and no third', () => {
    const sim = newSim()
    const cache = (name: string) =>
      fixturePod('pod-anti-affinity-hostname.yaml', name, (p) => {
        const term = (
          p.spec.affinity!.podAntiAffinity as {
            requiredDuringSchedulingIgnoredDuringExecution: PodAffinityTerm[]
          }
        ).requiredDuringSchedulingIgnoredDuringExecution[0]!
        term.topologyKey = ZONE
      })
    createPods(sim, [cache('cache-0'), cache('cache-1'), cache('cache-2')])
    const zones = ['cache-0', 'cache-1'].map((n) =>
      nodeOf(sim, n) === 'drydock-worker' ? 'zone-a' : 'zone-b',
    )
    expect(zones.sort()).toEqual(['zone-a', 'zone-b'])
    expect(failedScheduling(sim, 'cache-2')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
    )
  })

  it('lets the first pod of a group that wants to be together go anywhere, and the rest follow it', () => {
    const sim = newSim()
    const pods = webs(3, (n) =>
      withAffinity(n, 'podAffinity', {
        topologyKey: HOST,
        labelSelector: { matchLabels: { app: 'web' } },
      }),
    )
    createPods(sim, pods)
    const first = nodeOf(sim, 'web-0')
    expect(WORKERS).toContain(first)
    expect(pods.map((p) => nodeOf(sim, p.metadata.name))).toEqual([first, first, first])
  })

  describe('namespaces', () => {
    function otherNamespace(sim: Simulation) {
      sim.store.create<Namespace>({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'data', labels: { team: 'blue' } },
      })
      sim.settle()
      db(sim, 'drydock-worker3', 'data')
    }

    it.each([
      { name: 'listed', term: toDb(HOST, { namespaces: ['data'] }) },
      {
        name: 'selected by label',
        term: toDb(HOST, { namespaceSelector: { matchLabels: { team: 'blue' } } }),
      },
      { name: 'selected all with {}', term: toDb(HOST, { namespaceSelector: {} }) },
    ])('finds a pod in a namespace $name', ({ term }) => {
      const sim = newSim()
      otherNamespace(sim)
      createPods(sim, [withAffinity('web', 'podAffinity', term)])
      expect(nodeOf(sim, 'web')).toBe('drydock-worker3')
    })

    it("looks only in the pod's own namespace by default", () => {
      const sim = newSim()
      otherNamespace(sim)
      createPods(sim, [withAffinity('web', 'podAffinity', toDb(HOST))])
      expect(failedScheduling(sim, 'web')).toBe(
        `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
      )
    })
  })
})
