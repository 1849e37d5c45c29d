import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../../src-main/sim/api/core'
import { Simulation } from '../../../../src-main/sim/simulation'
import type { Topology } from '../../../../src-main/sim/topology'
import { deployment } from '../../../helpers/manifests'
import { apply, readyCount } from '../../../helpers/sim'
import { patchNode, setTaints } from '../../scheduler/helpers'
import { eventsOf, fault, nodeNamed, podsOn, ready, taints } from '../../infra/helpers'

/** Three workers with no machines under them, in `zones` (one zone each unless said). */
function cluster(zones = ['z1', 'z2', 'z3']): Simulation {
  const topology: Topology = {
    nodes: zones.map((zone, i) => ({
      name: `w${i + 1}`,
      role: 'worker' as const,
      cpu: '4',
      memory: '8Gi',
      labels: { 'topology.kubernetes.io/zone': zone },
    })),
  }
  return new Simulation({ seed: 7, strict: true, topology })
}

const podReady = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'Ready')?.status

describe('a node whose kubelet stops', () => {
  it.each([
    // The kubelet renews its lease every 10 s from boot; the controller looks every 5 s.
    { stopAtS: 1, unknownAtS: 55 },
    { stopAtS: 9, unknownAtS: 55 },
    { stopAtS: 10, unknownAtS: 65 },
    { stopAtS: 24, unknownAtS: 75 },
  ])('stopped at $stopAtS s is Unknown at $unknownAtS s', ({ stopAtS, unknownAtS }) => {
    const sim = cluster()
    const boot = sim.nowMs()
    sim.runUntil(boot + stopAtS * 1000)
    fault(sim, 'node/w1:stop-kubelet')
    sim.runUntil(boot + unknownAtS * 1000 - 1)
    expect(ready(sim, 'w1')).toBe('True')
    sim.runUntil(boot + unknownAtS * 1000)
    expect(ready(sim, 'w1')).toBe('Unknown')
  })

  it('loses its pods after the toleration; they finish when the kubelet is back', () => {
    const sim = cluster()
    apply(sim, deployment('web', { replicas: 3 }))
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 60_000)
    const stranded = podsOn(sim, 'w1', 'web')
    expect(stranded).toHaveLength(1)
    const stopMs = sim.nowMs()
    fault(sim, 'node/w1:stop-kubelet')
    sim.runUntil(stopMs + 60_000)
    expect(podReady(sim.store.get<Pod>('Pod', 'default', stranded[0]!.metadata.name)!)).toBe(
      'False',
    )
    expect(eventsOf(sim, 'Pod', stranded[0]!.metadata.name)).toContain(
      'NodeNotReady: Node is not ready',
    )
    sim.runUntil(stopMs + 60_000 + 300_000)
    expect(taints(sim, 'w1')).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ])
    // Marked for deletion, but nobody on the node finishes it.
    const marked = sim.store.get<Pod>('Pod', 'default', stranded[0]!.metadata.name)!
    expect(marked.metadata.deletionTimestamp).toBeDefined()
    expect(eventsOf(sim, 'Pod', marked.metadata.name)).toContain(
      `TaintManagerEviction: Marking for deletion Pod default/${marked.metadata.name}`,
    )
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 60_000)

    const startMs = sim.nowMs()
    fault(sim, 'node/w1:start-kubelet')
    expect(ready(sim, 'w1')).toBe('True')
    expect(taints(sim, 'w1')).toEqual(['node.kubernetes.io/unreachable:NoExecute'])
    sim.runUntil(startMs + 5_000)
    expect(taints(sim, 'w1')).toEqual([])
    sim.runFor(35_000)
    expect(sim.store.get('Pod', 'default', marked.metadata.name)).toBeUndefined()
    expect(eventsOf(sim, 'Node', 'w1')).toEqual([
      'NodeNotReady: Node w1 status is now: NodeNotReady',
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node w1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node w1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node w1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node w1 status is now: NodeReady',
    ])
  })

  it('keeps its containers running: back within the grace period, nothing restarts', () => {
    const sim = cluster()
    apply(sim, deployment('web', { replicas: 3 }))
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 60_000)
    const [pod] = podsOn(sim, 'w1', 'web')
    fault(sim, 'node/w1:stop-kubelet')
    sim.runFor(30_000)
    fault(sim, 'node/w1:start-kubelet')
    sim.runFor(10_000)
    const after = sim.store.get<Pod>('Pod', 'default', pod!.metadata.name)!
    expect(podReady(after)).toBe('True')
    expect(after.status?.containerStatuses?.[0]?.containerID).toBe(
      pod!.status?.containerStatuses?.[0]?.containerID,
    )
    expect(eventsOf(sim, 'Node', 'w1').filter((e) => e.startsWith('NodeNotReady'))).toEqual([])
  })
})

describe('when every zone loses all its nodes', () => {
  it('the controller taints none for eviction, as it would blame itself', () => {
    const sim = cluster(['z1', 'z1'])
    apply(sim, deployment('web', { replicas: 2 }))
    sim.runUntilTrue(() => readyCount(sim, 'web') === 2, 60_000)
    fault(sim, 'node/w1:stop-kubelet')
    fault(sim, 'node/w2:stop-kubelet')
    sim.runFor(600_000)
    for (const name of ['w1', 'w2']) {
      expect(ready(sim, name)).toBe('Unknown')
      expect(taints(sim, name)).toEqual(['node.kubernetes.io/unreachable:NoSchedule'])
      for (const pod of podsOn(sim, name, 'web'))
        expect(pod.metadata.deletionTimestamp).toBeUndefined()
    }
    // One node back: the other is a single failure again, tainted once the fresh limiter allows.
    fault(sim, 'node/w1:start-kubelet')
    sim.runFor(10_000)
    expect(taints(sim, 'w2')).not.toContain('node.kubernetes.io/unreachable:NoExecute')
    sim.runFor(10_000)
    expect(taints(sim, 'w2')).toContain('node.kubernetes.io/unreachable:NoExecute')
  })
})

describe('taints the controller owns and those it does not', () => {
  it('cordoning adds the unschedulable taint and uncordoning takes it off', () => {
    const sim = cluster()
    patchNode(sim, 'w2', (n) => (n.spec.unschedulable = true))
    expect(taints(sim, 'w2')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule'])
    patchNode(sim, 'w2', (n) => (n.spec.unschedulable = false))
    expect(taints(sim, 'w2')).toEqual([])
  })

  it('a NoExecute taint put by hand on a Ready node stays', () => {
    const sim = cluster()
    setTaints(sim, 'w3', [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }])
    sim.runFor(60_000)
    expect(taints(sim, 'w3')).toEqual(['node.kubernetes.io/not-ready:NoExecute'])
    expect(nodeNamed(sim, 'w3')!.status!.conditions!.at(-1)!.status).toBe('True')
  })

  it('a node that comes back Ready loses the NoExecute taint it was given', () => {
    const sim = cluster()
    fault(sim, 'node/w3:stop-kubelet')
    sim.runFor(70_000)
    expect(taints(sim, 'w3')).toContain('node.kubernetes.io/unreachable:NoExecute')
    fault(sim, 'node/w3:start-kubelet')
    sim.runFor(5_000)
    expect(taints(sim, 'w3')).toEqual([])
  })
})
