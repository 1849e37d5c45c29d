import { describe, expect, it } from 'vitest'
import type {
  NodeSelectorRequirement,
  PreferredSchedulingTerm,
} from '../../../src-main/sim/api/affinity'
import type { Node, Pod } from '../../../src-main/sim/api/core'
import { fixture } from '../../helpers/fixtures'
import { newSim } from '../../helpers/sim'
import {
  CONTROL_PLANE_TAINT,
  NOT_HELPFUL,
  WORKERS,
  createPods,
  failedScheduling,
  fixturePod,
  nodeOf,
} from './helpers'

const SSD = 'drydock-worker4'
const ZONE_B = ['drydock-worker2', 'drydock-worker3']

/** The default cluster and a fourth worker with `disktype: ssd`, `cores: "8"` in zone-c. */
function simWithSsdNode() {
  const sim = newSim()
  sim.store.create(fixture<Node>('scheduler', 'node-ssd.yaml'))
  sim.settle()
  return sim
}

const expr = (key: string, operator: NodeSelectorRequirement['operator'], values?: string[]) => ({
  key,
  operator,
  ...(values ? { values } : {}),
})
const byName = (name: string) => ({ key: 'metadata.name', operator: 'In' as const, values: [name] })

function requiring(
  terms: {
    matchExpressions?: NodeSelectorRequirement[]
    matchFields?: NodeSelectorRequirement[]
  }[],
) {
  return fixturePod('pod.yaml', 'app', (p) => {
    p.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
      },
    }
  })
}

const required: { name: string; pod: Pod; nodes: string[] }[] = [
  {
    name: 'In',
    pod: requiring([{ matchExpressions: [expr('disktype', 'In', ['ssd'])] }]),
    nodes: [SSD],
  },
  {
    name: 'NotIn',
    pod: requiring([{ matchExpressions: [expr('disktype', 'NotIn', ['ssd'])] }]),
    nodes: WORKERS,
  },
  {
    name: 'Exists',
    pod: requiring([{ matchExpressions: [expr('disktype', 'Exists')] }]),
    nodes: [SSD],
  },
  {
    name: 'DoesNotExist',
    pod: requiring([{ matchExpressions: [expr('disktype', 'DoesNotExist')] }]),
    nodes: WORKERS,
  },
  {
    name: 'Gt',
    pod: requiring([{ matchExpressions: [expr('cores', 'Gt', ['4'])] }]),
    nodes: [SSD],
  },
  {
    name: 'Lt',
    pod: requiring([{ matchExpressions: [expr('cores', 'Lt', ['16'])] }]),
    nodes: [SSD],
  },
  {
    name: 'expressions of one term, ANDed',
    pod: requiring([
      {
        matchExpressions: [
          expr('topology.kubernetes.io/zone', 'In', ['zone-b']),
          expr('kubernetes.io/hostname', 'NotIn', ['drydock-worker2']),
        ],
      },
    ]),
    nodes: ['drydock-worker3'],
  },
  {
    name: 'matchFields on metadata.name',
    pod: requiring([{ matchFields: [byName('drydock-worker3')] }]),
    nodes: ['drydock-worker3'],
  },
  {
    name: 'terms ORed',
    pod: requiring([
      { matchExpressions: [expr('disktype', 'In', ['hdd'])] },
      { matchFields: [byName('drydock-worker2')] },
    ]),
    nodes: ['drydock-worker2'],
  },
  {
    name: 'nodeSelector and affinity together',
    pod: fixturePod('pod.yaml', 'app', (p) => {
      p.spec.nodeSelector = { 'topology.kubernetes.io/zone': 'zone-b' }
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [expr('kubernetes.io/hostname', 'NotIn', ['drydock-worker3'])] },
            ],
          },
        },
      }
    }),
    nodes: ['drydock-worker2'],
  },
]

function preferring(terms: PreferredSchedulingTerm[]) {
  return fixturePod('pod.yaml', 'app', (p) => {
    p.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } }
  })
}

const preferred: { name: string; pod: Pod; nodes: string[] }[] = [
  {
    name: 'a preferred zone over a bigger node elsewhere',
    pod: preferring([
      {
        weight: 1,
        preference: { matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-b'])] },
      },
    ]),
    nodes: ZONE_B,
  },
  {
    name: 'the heavier of two preferences',
    pod: preferring([
      { weight: 1, preference: { matchExpressions: [expr('disktype', 'In', ['ssd'])] } },
      {
        weight: 50,
        preference: { matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-a'])] },
      },
    ]),
    nodes: ['drydock-worker'],
  },
]

describe('NodeAffinity', () => {
  it.each([...required, ...preferred])('places a pod by $name', ({ pod, nodes }) => {
    const sim = simWithSsdNode()
    createPods(sim, [pod])
    expect(nodes).toContain(nodeOf(sim, pod.metadata.name))
  })

  it('keeps a pod Pending when no node satisfies Gt', () => {
    const sim = simWithSsdNode()
    createPods(sim, [requiring([{ matchExpressions: [expr('cores', 'Gt', ['8'])] }])])
    expect(failedScheduling(sim, 'app')).toBe(
      `0/5 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/5 nodes are available: 5 ${NOT_HELPFUL}.`,
    )
  })

  it('spreads pods over the preferred nodes rather than piling them on one', () => {
    const sim = simWithSsdNode()
    const terms: PreferredSchedulingTerm[] = [
      {
        weight: 10,
        preference: { matchExpressions: [expr('topology.kubernetes.io/zone', 'In', ['zone-b'])] },
      },
    ]
    const pods = Array.from({ length: 4 }, (_, i) => {
      const p = preferring(terms)
      p.metadata.name = `app-${i}`
      return p
    })
    createPods(sim, pods)
    expect(pods.map((p) => nodeOf(sim, p.metadata.name)).sort()).toEqual([
      'drydock-worker2',
      'drydock-worker2',
      'drydock-worker3',
      'drydock-worker3',
    ])
  })
})
