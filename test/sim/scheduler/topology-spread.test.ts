import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { TopologySpreadConstraint } from '../../../src-main/sim/api/topology-spread'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, newSim } from '../../helpers/sim'
import { WORKERS, createPods, failedScheduling, fixturePod, nodeOf, patchNode } from './helpers'

const ZONE = 'topology.kubernetes.io/zone'

const ZONE_OF: Record<string, string> = {
  'drydock-worker': 'zone-a',
  'drydock-worker2': 'zone-b',
  'drydock-worker3': 'zone-b',
}

function spreadPods(n: number, edit: (c: TopologySpreadConstraint) => void = () => {}): Pod[] {
  return Array.from({ length: n }, (_, i) =>
    fixturePod('pod-spread-hostname.yaml', `spread-${i}`, (p) =>
      edit(p.spec.topologySpreadConstraints![0]!),
    ),
  )
}

function countBy(values: (string | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const v of values) if (v) out[v] = (out[v] ?? 0) + 1
  return out
}

describe('PodTopologySpread', () => {
  it('puts three pods with maxSkew 1 on three different workers', () => {
    const sim = newSim()
    const pods = spreadPods(3)
    createPods(sim, pods)
    expect(pods.map((p) => nodeOf(sim, p.metadata.name)).sort()).toEqual(WORKERS)
  })

  it('with nodeTaintsPolicy Honor, leaves the tainted control plane out and goes on two by two', () => {
    const sim = newSim()
    const pods = spreadPods(6, (c) => (c.nodeTaintsPolicy = 'Honor'))
    createPods(sim, pods)
    expect(countBy(pods.map((p) => nodeOf(sim, p.metadata.name)))).toEqual({
      'drydock-worker': 2,
      'drydock-worker2': 2,
      'drydock-worker3': 2,
    })
  })

  it('balances two zones of unequal size', () => {
    const sim = newSim()
    const pods = spreadPods(4, (c) => (c.topologyKey = 'topology.kubernetes.io/zone'))
    createPods(sim, pods)
    expect(countBy(pods.map((p) => ZONE_OF[nodeOf(sim, p.metadata.name)!]))).toEqual({
      'zone-a': 2,
      'zone-b': 2,
    })
  })

  it('counts a relabelled node in its new zone', () => {
    const sim = newSim()
    const pods = spreadPods(6, (c) => {
      c.topologyKey = ZONE
      c.nodeTaintsPolicy = 'Honor'
    })
    createPods(sim, pods.slice(0, 2))
    patchNode(sim, 'drydock-worker3', (n) => (n.metadata.labels![ZONE] = 'zone-c'))
    createPods(sim, pods.slice(2))
    // Three zones of one worker each: two pods apiece (in two zones it would be three and three).
    expect(countBy(pods.map((p) => nodeOf(sim, p.metadata.name)))).toEqual({
      'drydock-worker': 2,
      'drydock-worker2': 2,
      'drydock-worker3': 2,
    })
  })

  it('with minDomains above the number of zones, treats the minimum as zero', () => {
    const sim = newSim()
    const pods = spreadPods(3, (c) => {
      c.topologyKey = 'topology.kubernetes.io/zone'
      c.minDomains = 3
    })
    createPods(sim, pods)
    expect(countBy(pods.slice(0, 2).map((p) => ZONE_OF[nodeOf(sim, p.metadata.name)!]))).toEqual({
      'zone-a': 1,
      'zone-b': 1,
    })
    expect(nodeOf(sim, 'spread-2')).toBeUndefined()
    expect(failedScheduling(sim, 'spread-2')).toContain(
      "3 node(s) didn't match pod topology spread constraints.",
    )
  })

  it('does not count pods outside its selector', () => {
    const sim = newSim()
    const others = Array.from({ length: 3 }, (_, i) =>
      fixturePod(
        'pod.yaml',
        `other-${i}`,
        (p) => (p.spec.nodeSelector = { 'kubernetes.io/hostname': 'drydock-worker' }),
      ),
    )
    createPods(sim, others)
    const pods = spreadPods(3)
    createPods(sim, pods)
    expect(pods.map((p) => nodeOf(sim, p.metadata.name)).sort()).toEqual(WORKERS)
  })

  it('with ScheduleAnyway, prefers the emptier nodes but never refuses', () => {
    const sim = newSim()
    const pods = spreadPods(7, (c) => (c.whenUnsatisfiable = 'ScheduleAnyway'))
    createPods(sim, pods)
    const perNode = countBy(pods.map((p) => nodeOf(sim, p.metadata.name)))
    expect(Object.values(perNode).reduce((a, b) => a + b)).toBe(7)
    expect(Object.values(perNode).sort()).toEqual([2, 2, 3])
  })

  it('with ScheduleAnyway, scores by each node’s count when matching pods are on more nodes than it may use', () => {
    const sim = newSim()
    const anyway = (c: TopologySpreadConstraint): void => {
      c.whenUnsatisfiable = 'ScheduleAnyway'
    }
    // Matching pods on all three workers: two, one and none more on the third after this.
    createPods(sim, spreadPods(3, anyway))
    const [extra] = spreadPods(4, anyway).slice(3)
    createPods(sim, [{ ...extra!, metadata: { ...extra!.metadata, name: 'spread-extra' } }])
    const crowded = nodeOf(sim, 'spread-extra')!
    // Only two workers are left to the next pod: matching pods sit on three nodes.
    const others = WORKERS.filter((w) => w !== crowded)
    const [last] = spreadPods(5, anyway).slice(4)
    last!.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'kubernetes.io/hostname', operator: 'In', values: [crowded, others[0]!] },
              ],
            },
          ],
        },
      },
    }
    createPods(sim, [last!])
    expect(nodeOf(sim, last!.metadata.name)).toBe(others[0])
  })

  it("spreads a Deployment's replicas by the system default constraints", () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 6 }))
    expect(countBy(activePods(sim, 'web').map((p) => p.spec.nodeName))).toEqual({
      'drydock-worker': 2,
      'drydock-worker2': 2,
      'drydock-worker3': 2,
    })
  })
})
