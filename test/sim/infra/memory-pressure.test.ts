import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { Pod } from '../../../src-main/sim/api/core'
import { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'
import { eventsOf, fault, infraFixture, nodeNamed, taints } from './helpers'

const FILLED = 'worker-1'

function withMemory(name: string, request?: string): Deployment {
  const d = deployment(name, { replicas: 2 })
  if (request) d.spec.template.spec.containers[0]!.resources = { requests: { memory: request } }
  return d
}

/** Four nginx pods (8Mi each) on worker-1: two requesting no memory, two 64Mi. */
function crowded(): Simulation {
  const sim = new Simulation({ seed: 1, strict: true, infrastructure: infraFixture('memory.yaml') })
  sim.runFor(60_000)
  fault(sim, 'node/worker-2:cordon')
  apply(sim, withMemory('greedy'))
  apply(sim, withMemory('modest', '64Mi'))
  sim.runUntilTrue(() => readyCount(sim, 'greedy') + readyCount(sim, 'modest') === 4, 120_000)
  fault(sim, 'node/worker-2:uncordon')
  return sim
}

const memoryPressure = (sim: Simulation) =>
  nodeNamed(sim, FILLED)!.status!.conditions!.find((c) => c.type === 'MemoryPressure')!

const evicted = (sim: Simulation) =>
  sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.status?.reason === 'Evicted')
    .sort((a, b) =>
      a.status!.conditions![0]!.lastTransitionTime!.localeCompare(
        b.status!.conditions![0]!.lastTransitionTime!,
      ),
    )

const app = (p: Pod) => p.metadata.labels!.app

describe('memory taken outside Kubernetes', () => {
  it('puts the node under MemoryPressure, and the kubelet evicts pods in its order', () => {
    const sim = crowded()
    expect(fault(sim, `node/${FILLED}:fill-memory`)).toMatch(
      /^\d+Mi of the memory of node\/worker-1 taken outside Kubernetes$/,
    )
    expect(memoryPressure(sim).status).toBe('False')
    sim.runFor(10_000)
    expect(memoryPressure(sim)).toMatchObject({
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      message: 'kubelet has insufficient memory available',
    })
    sim.runFor(5_000)
    expect(taints(sim, FILLED)).toContain('node.kubernetes.io/memory-pressure:NoSchedule')
    const [first] = evicted(sim)
    expect(evicted(sim)).toHaveLength(1)
    expect(app(first!)).toBe('greedy')
    expect(first!.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' })
    // The kubelet's words, trailing space included.
    expect(first!.status!.message).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container app was using 8Mi, request is 0, has larger consumption of memory. ',
    )
    expect(first!.status!.conditions![0]).toMatchObject({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'TerminationByKubelet',
    })
    expect(eventsOf(sim, 'Pod', first!.metadata.name)).toContain(
      `Evicted: ${first!.status!.message}`,
    )
    expect(eventsOf(sim, 'Node', FILLED)).toEqual(
      expect.arrayContaining([
        'EvictionThresholdMet: Attempting to reclaim memory',
        `NodeHasInsufficientMemory: Node ${FILLED} status is now: NodeHasInsufficientMemory`,
      ]),
    )

    // One pod per housekeeping period: those over their request first, then the others.
    sim.runFor(40_000)
    expect(evicted(sim).map(app)).toEqual(['greedy', 'greedy', 'modest', 'modest'])
    const modest = evicted(sim)[2]!.status!.message!
    expect(modest).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 66Mi. ',
    )
    // Their controllers replaced them on the node with room.
    sim.runUntilTrue(() => readyCount(sim, 'greedy') + readyCount(sim, 'modest') === 4, 60_000)
    const running = sim.store
      .list<Pod>('Pod', { namespace: 'default' })
      .filter((p) => p.status?.phase === 'Running')
    expect(running.map((p) => p.spec.nodeName)).toEqual([
      'worker-2',
      'worker-2',
      'worker-2',
      'worker-2',
    ])
  })

  it('lifts once the memory is free and the 5 minute transition period has passed', () => {
    const sim = crowded()
    fault(sim, `node/${FILLED}:fill-memory`)
    sim.runFor(60_000)
    expect(fault(sim, `node/${FILLED}:free-memory`)).toBe(
      `the memory taken outside Kubernetes on node/${FILLED} is free again`,
    )
    sim.runFor(280_000)
    expect(memoryPressure(sim).status).toBe('True')
    sim.runFor(30_000)
    expect(memoryPressure(sim)).toMatchObject({
      status: 'False',
      reason: 'KubeletHasSufficientMemory',
      message: 'kubelet has sufficient memory available',
    })
    sim.runFor(5_000)
    expect(taints(sim, FILLED)).toEqual([])
    expect(eventsOf(sim, 'Node', FILLED)).toContain(
      `NodeHasSufficientMemory: Node ${FILLED} status is now: NodeHasSufficientMemory`,
    )
    // A new pod may land there again.
    apply(sim, withMemory('later'))
    sim.runUntilTrue(() => readyCount(sim, 'later') === 2, 60_000)
  })

  it('on a kind-like node, whose kubelet sets no memory threshold, nothing is evicted', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 3 }))
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 120_000)
    expect(fault(sim, 'node/drydock-worker:fill-memory')).toMatch(
      /taken outside Kubernetes; its kubelet sets no memory.available eviction threshold \(its evictionHard names none\), so it evicts nothing$/,
    )
    sim.runFor(120_000)
    expect(evicted(sim)).toEqual([])
    expect(readyCount(sim, 'web')).toBe(3)
  })

  it('filling twice, or freeing what nothing holds, says so', () => {
    const sim = crowded()
    fault(sim, `node/${FILLED}:fill-memory`)
    expect(fault(sim, `node/${FILLED}:fill-memory`)).toBe(
      `the memory of node/${FILLED} is already taken outside Kubernetes`,
    )
    expect(fault(sim, 'node/worker-2:free-memory')).toBe(
      'nothing outside Kubernetes holds memory on node/worker-2',
    )
  })
})
