import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import { fitErrorMessage } from '../../../src-main/sim/scheduler/fit-error'
import type { Status } from '../../../src-main/sim/scheduler/framework'
import { summarisePod } from '../../../src-main/sim/views/pod-status'
import { newSim } from '../../helpers/sim'
import { createPods, events, fixturePod, nodeOf } from './helpers'

const fit = (reasons: string[], unresolvable = false): Status => ({
  plugin: 'NodeResourcesFit',
  reasons,
  unresolvable,
})

describe('fitErrorMessage', () => {
  it.each([
    {
      name: 'counts reasons and sorts the "count reason" strings, as FitError does',
      nodes: 3,
      statuses: [
        fit(['Insufficient memory', 'Insufficient cpu']),
        fit(['Insufficient cpu']),
        fit(['Too many pods']),
      ],
      message:
        '0/3 nodes are available: 1 Insufficient memory, 1 Too many pods, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    },
    {
      name: 'sorts the preemption histogram the same way',
      nodes: 2,
      statuses: [fit(['Insufficient cpu'], true), fit(['Insufficient cpu'])],
      message:
        '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    },
  ])('$name', ({ nodes, statuses, message }) => {
    expect(fitErrorMessage(nodes, statuses)).toBe(message)
  })

  it('puts a PreFilter rejection in place of the per-node reasons', () => {
    expect(fitErrorMessage(4, [], 'pod affinity terms conflict')).toBe(
      '0/4 nodes are available: pod affinity terms conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    )
  })
})

describe('binding', () => {
  it('binds a pod with a Scheduled event and the PodScheduled condition', () => {
    const sim = newSim()
    createPods(sim, [fixturePod('pod.yaml', 'app')])
    const node = nodeOf(sim, 'app')!
    expect(events(sim, 'app', 'Scheduled')).toEqual([
      `Successfully assigned default/app to ${node}`,
    ])
    const pod = sim.store.get<Pod>('Pod', 'default', 'app')!
    expect(pod.status!.conditions!.find((c) => c.type === 'PodScheduled')!.status).toBe('True')
  })

  it('leaves a pod created with spec.nodeName to that node, and its kubelet runs it', () => {
    const sim = newSim()
    // The control plane's NoSchedule taint does not matter: no scheduling happens.
    createPods(sim, [
      fixturePod('pod.yaml', 'direct', (p) => (p.spec.nodeName = 'drydock-control-plane')),
    ])
    sim.runFor(30_000)
    const pod = sim.store.get<Pod>('Pod', 'default', 'direct')!
    expect(pod.spec.nodeName).toBe('drydock-control-plane')
    expect(summarisePod(pod, sim.nowMs()).status).toBe('Running')
    expect(events(sim, 'direct', 'Scheduled')).toEqual([])
    expect(events(sim, 'direct', 'Started')).toEqual(['Started container app'])
  })

  it('leaves pods for another scheduler alone', () => {
    const sim = newSim()
    createPods(sim, [
      fixturePod('pod.yaml', 'other', (p) => (p.spec.schedulerName = 'my-scheduler')),
    ])
    sim.runFor(10_000)
    expect(nodeOf(sim, 'other')).toBeUndefined()
    expect(events(sim, 'other', 'FailedScheduling')).toEqual([])
  })
})
