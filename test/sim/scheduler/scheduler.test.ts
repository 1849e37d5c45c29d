import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../src-main/sim/api/core'
import { fitErrorMessage } from '../../../src-main/sim/scheduler/fit-error'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, newSim, statuses } from '../../helpers/sim'

describe('FailedScheduling', () => {
  it("keeps an over-large pod Pending with kube-scheduler's exact message", () => {
    const sim = newSim()
    apply(sim, deployment('big', { replicas: 1, cpu: '16' }))
    sim.runFor(10_000)
    expect(statuses(sim, 'big')).toEqual(['Pending'])
    const pod = activePods(sim, 'big')[0]!
    const message =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
      'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..'
    const event = sim.store
      .list<KubeEvent>('Event')
      .find((e) => e.involvedObject.name === pod.metadata.name)!
    expect([event.type, event.reason, event.source.component, event.message]).toEqual([
      'Warning',
      'FailedScheduling',
      'default-scheduler',
      message,
    ])
    const condition = sim.store
      .get<Pod>('Pod', 'default', pod.metadata.name)!
      .status!.conditions!.find((c) => c.type === 'PodScheduled')!
    expect([condition.status, condition.reason, condition.message]).toEqual([
      'False',
      'Unschedulable',
      message,
    ])
  })

  it('counts and sorts reasons as strings, as FitError does', () => {
    expect(
      fitErrorMessage(3, [
        { reasons: ['Insufficient memory', 'Insufficient cpu'], unresolvable: false },
        { reasons: ['Insufficient cpu'], unresolvable: false },
        { reasons: ['Too many pods'], unresolvable: false },
      ]),
    ).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 Too many pods, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    )
  })

  it('spreads the replicas of one Deployment over the workers and never onto the control plane', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 6 }))
    const perNode = new Map<string, number>()
    for (const pod of activePods(sim, 'web'))
      perNode.set(pod.spec.nodeName!, (perNode.get(pod.spec.nodeName!) ?? 0) + 1)
    expect([...perNode.keys()].sort()).toEqual([
      'drydock-worker',
      'drydock-worker2',
      'drydock-worker3',
    ])
    expect([...perNode.values()]).toEqual([2, 2, 2])
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
})
