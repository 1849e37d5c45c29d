import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { newSim } from '../../helpers/sim'
import {
  CONTROL_PLANE_TAINT,
  NOT_HELPFUL,
  NO_VICTIMS,
  WORKERS,
  createPods,
  failedScheduling,
  fixturePod,
  nodeOf,
  patchNode,
} from './helpers'

const cpu = (value: string) => (p: Pod) => {
  p.spec.containers[0]!.resources = { requests: { cpu: value } }
}
const memory = (value: string) => (p: Pod) => {
  p.spec.containers[0]!.resources = { requests: { memory: value } }
}
const many = (n: number, make: (i: number) => Pod) => Array.from({ length: n }, (_, i) => make(i))

interface Case {
  name: string
  /** Pods placed before the one under test, and any change to the nodes. */
  setup?: (sim: Simulation) => void
  pod: Pod
  message: string
}

/** Each filter's reason as kube-scheduler words it, counted per node and sorted as strings. */
const cases: Case[] = [
  {
    name: 'a taint on the control plane and no cpu left on the workers',
    setup: (sim) =>
      createPods(
        sim,
        many(3, (i) => fixturePod('pod.yaml', `big-${i}`, cpu('3'))),
      ),
    pod: fixturePod('pod.yaml', 'late', cpu('2')),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
  },
  {
    name: 'a cpu request larger than any node, which preemption cannot help',
    pod: fixturePod('pod.yaml', 'huge', cpu('16')),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
  {
    name: 'no memory left on the workers',
    setup: (sim) =>
      createPods(
        sim,
        many(3, (i) => fixturePod('pod.yaml', `fat-${i}`, memory('6Gi'))),
      ),
    pod: fixturePod('pod.yaml', 'late', memory('4Gi')),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
  },
  {
    name: 'a nodeSelector no worker matches',
    pod: fixturePod('pod.yaml', 'picky', (p) => (p.spec.nodeSelector = { disktype: 'ssd' })),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
  {
    name: 'cordoned workers',
    setup: (sim) => {
      for (const w of WORKERS) patchNode(sim, w, (n) => (n.spec.unschedulable = true))
    },
    pod: fixturePod('pod.yaml', 'app'),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
  {
    name: 'a host port taken on every worker',
    setup: (sim) =>
      createPods(
        sim,
        many(3, (i) => fixturePod('pod-host-port.yaml', `proxy-${i}`)),
      ),
    pod: fixturePod('pod-host-port.yaml', 'proxy-late'),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't have free ports for the requested pod ports. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
  },
  {
    name: 'anti-affinity to the pods already on every worker',
    setup: (sim) =>
      createPods(
        sim,
        many(3, (i) => fixturePod('pod-anti-affinity-hostname.yaml', `cache-${i}`)),
      ),
    pod: fixturePod('pod-anti-affinity-hostname.yaml', 'cache-late'),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
  },
  {
    name: "the bound pods' anti-affinity to a pod without any",
    setup: (sim) =>
      createPods(
        sim,
        many(3, (i) => fixturePod('pod-anti-affinity-hostname.yaml', `cache-${i}`)),
      ),
    pod: fixturePod('pod.yaml', 'intruder', (p) => (p.metadata.labels = { app: 'cache' })),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
  },
  {
    name: 'affinity to pods that do not exist',
    pod: fixturePod('pod-affinity-zone.yaml', 'web'),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
  {
    // The tainted control plane is a domain with no pods, so the minimum stays at zero.
    name: 'a fourth pod spread with maxSkew 1 over three workers',
    setup: (sim) =>
      createPods(
        sim,
        many(3, (i) => fixturePod('pod-spread-hostname.yaml', `spread-${i}`)),
      ),
    pod: fixturePod('pod-spread-hostname.yaml', 'spread-3'),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 1 ${NOT_HELPFUL}, 3 ${NO_VICTIMS}.`,
  },
  {
    name: 'spreading over a topology key no node has',
    pod: fixturePod('pod-spread-hostname.yaml', 'racked', (p) => {
      p.spec.topologySpreadConstraints![0]!.topologyKey = 'example.com/rack'
    }),
    message: `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
  {
    name: 'pinned by name to a node that does not exist',
    pod: fixturePod('pod-pinned.yaml', 'lost', (p) => {
      const term = p.spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!
      term.nodeSelectorTerms[0]!.matchFields![0]!.values = ['drydock-worker9']
    }),
    message: `0/4 nodes are available: 4 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
  {
    name: 'pinned by name to a full node',
    setup: (sim) => createPods(sim, [fixturePod('pod-pinned.yaml', 'first', cpu('3'))]),
    pod: fixturePod('pod-pinned.yaml', 'second', cpu('3')),
    message: `0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 ${NO_VICTIMS}, 3 ${NOT_HELPFUL}.`,
  },
  {
    name: 'a term that pins two names at once',
    pod: fixturePod('pod-pinned.yaml', 'torn', (p) => {
      const term = p.spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!
      term.nodeSelectorTerms[0]!.matchFields!.push({
        key: 'metadata.name',
        operator: 'In',
        values: ['drydock-worker3'],
      })
    }),
    message: `0/4 nodes are available: pod affinity terms conflict. preemption: 0/4 nodes are available: 4 ${NOT_HELPFUL}.`,
  },
]

describe('FailedScheduling: each filter in the words of kube-scheduler', () => {
  it.each(cases)('$name', ({ setup, pod, message }) => {
    const sim = newSim()
    setup?.(sim)
    createPods(sim, [pod])
    expect(nodeOf(sim, pod.metadata.name)).toBeUndefined()
    expect(failedScheduling(sim, pod.metadata.name)).toBe(message)
    const condition = sim.store
      .get<Pod>('Pod', 'default', pod.metadata.name)!
      .status!.conditions!.find((c) => c.type === 'PodScheduled')!
    expect([condition.status, condition.reason, condition.message]).toEqual([
      'False',
      'Unschedulable',
      message,
    ])
  })

  it('counts "Too many pods" at the node\'s pod capacity', async () => {
    const { Simulation } = await import('../../../src-main/sim/simulation')
    const sim = new Simulation({
      seed: 1,
      strict: true,
      topology: { nodes: [{ name: 'tiny', role: 'worker', cpu: '4', memory: '8Gi', maxPods: 2 }] },
    })
    createPods(
      sim,
      many(3, (i) => fixturePod('pod.yaml', `p-${i}`)),
    )
    expect(failedScheduling(sim, 'p-2')).toBe(
      `0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 ${NO_VICTIMS}.`,
    )
  })

  it('says so when there is no node at all', async () => {
    const { Simulation } = await import('../../../src-main/sim/simulation')
    const sim = new Simulation({ seed: 1, strict: true, topology: { nodes: [] } })
    createPods(sim, [fixturePod('pod.yaml', 'alone')])
    expect(failedScheduling(sim, 'alone')).toBe('no nodes available to schedule pods')
  })
})
