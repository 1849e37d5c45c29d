import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { Node } from '../../../src-main/sim/api/core'
import { fromRfc3339 } from '../../../src-main/sim/kernel/time'
import type { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, deploymentNamed, newSim, readyCount } from '../../helpers/sim'
import { eventsOf, fault, hypervisor, nodeNamed, podsOn, ready, taints, vm } from './helpers'

/** hv-b carries drydock-worker2 and drydock-worker3; drydock-worker is on hv-a and survives. */
const LOST = ['drydock-worker2', 'drydock-worker3']
const SURVIVOR = 'drydock-worker'
const UNREACHABLE = 'node.kubernetes.io/unreachable'

/** Six pods of half a CPU: two per worker, and room for all six on the survivor. */
function webOnEveryWorker(sim: Simulation): void {
  apply(sim, deployment('web', { replicas: 6, cpu: '500m' }))
  sim.runUntilTrue(() => readyCount(sim, 'web') === 6, 120_000)
  for (const name of LOST) expect(podsOn(sim, name, 'web').length).toBeGreaterThan(0)
}

const noExecuteAddedMs = (node: Node | undefined): number => {
  const t = node?.spec.taints?.find((x) => x.key === UNREACHABLE && x.effect === 'NoExecute')
  return fromRfc3339(t!.timeAdded!)
}

describe('a hypervisor crash', () => {
  it('takes its VMs and nodes down, evicts their pods after the toleration, and comes back', () => {
    const sim = newSim()
    webOnEveryWorker(sim)
    const lostPods = LOST.flatMap((n) => podsOn(sim, n, 'web').map((p) => p.metadata.name))
    const crashMs = sim.nowMs()

    expect(fault(sim, 'hypervisor/hv-b:crash')).toBe('hypervisor/hv-b crashed')
    expect(hypervisor(sim, 'hv-b')!.status!.phase).toBe('Crashed')
    for (const name of LOST) {
      expect(vm(sim, name)!.status!.phase).toBe('Stopped')
      expect(sim.kubelets.state(name)).toBe('down')
    }
    expect(vm(sim, SURVIVOR)!.status!.phase).toBe('Running')

    // The node lifecycle controller only notices the silence after the grace period.
    sim.runUntil(crashMs + 40_000)
    for (const name of LOST) expect(ready(sim, name)).toBe('True')
    sim.runUntil(crashMs + 55_000)
    for (const name of LOST) {
      const condition = nodeNamed(sim, name)!.status!.conditions!.find((c) => c.type === 'Ready')!
      expect(condition).toMatchObject({
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
      })
      expect(taints(sim, name)).toContain(`${UNREACHABLE}:NoSchedule`)
      expect(eventsOf(sim, 'Node', name)).toContain(
        `NodeNotReady: Node ${name} status is now: NodeNotReady`,
      )
      // Their pods can no longer be trusted to serve: not ready, though still Running.
      for (const pod of podsOn(sim, name, 'web'))
        expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False')
    }
    expect(deploymentNamed(sim, 'web').status?.availableReplicas).toBe(6 - lostPods.length)

    // The zone is fully disrupted, not the cluster: one NoExecute taint every 10 s.
    sim.runUntil(crashMs + 80_000)
    const taintedAt = LOST.map((n) => noExecuteAddedMs(nodeNamed(sim, n))).sort((a, b) => a - b)
    expect(taintedAt[1]! - taintedAt[0]!).toBe(10_000)

    // The default 300 s toleration of node.kubernetes.io/unreachable runs out.
    sim.runUntil(taintedAt[0]! + 299_000)
    const first = LOST.find((n) => noExecuteAddedMs(nodeNamed(sim, n)) === taintedAt[0])!
    for (const pod of podsOn(sim, first, 'web'))
      expect(pod.metadata.deletionTimestamp).toBeUndefined()
    sim.runUntil(taintedAt[1]! + 301_000)
    for (const name of lostPods) {
      const pod = sim.store.get('Pod', 'default', name)
      // No kubelet is left to finish them: they stay Terminating until their node is back.
      expect(pod?.metadata.deletionTimestamp).toBeDefined()
    }
    sim.runUntilTrue(() => readyCount(sim, 'web') === 6, 120_000)
    expect(activePods(sim, 'web').every((p) => p.spec.nodeName === SURVIVOR)).toBe(true)
    expect(deploymentNamed(sim, 'web').status?.availableReplicas).toBe(6)

    // Recovered, the hypervisor boots its VMs again; their kubelets finish the old pods.
    const recoverMs = sim.nowMs()
    expect(fault(sim, 'hypervisor/hv-b:recover')).toBe('hypervisor/hv-b recovered')
    for (const name of LOST) expect(vm(sim, name)!.status!.phase).toBe('Booting')
    sim.runUntil(recoverMs + 30_000 + 5_000)
    for (const name of LOST) {
      expect(vm(sim, name)!.status!.phase).toBe('Running')
      expect(ready(sim, name)).toBe('True')
      expect(taints(sim, name)).toEqual([])
      expect(eventsOf(sim, 'Node', name)).toContain(
        `NodeReady: Node ${name} status is now: NodeReady`,
      )
    }
    for (const name of lostPods) expect(sim.store.get('Pod', 'default', name)).toBeUndefined()

    // Schedulable again: what no longer fits on the survivor lands on them.
    const web = deploymentNamed(sim, 'web')
    apply(sim, { ...web, spec: { ...web.spec, replicas: 12 } } as Deployment)
    sim.runUntilTrue(() => readyCount(sim, 'web') === 12, 120_000)
    for (const name of LOST) expect(podsOn(sim, name, 'web').length).toBeGreaterThan(0)
  })
})

describe('a crash and a recovery, run twice with one seed', () => {
  it('give the same objects and events, byte for byte', () => {
    const run = () => {
      const sim = newSim(11)
      webOnEveryWorker(sim)
      fault(sim, 'hypervisor/hv-b:crash')
      sim.runFor(420_000)
      fault(sim, 'hypervisor/hv-b:recover')
      sim.runFor(60_000)
      return ['Node', 'VirtualMachine', 'Hypervisor', 'Pod', 'Event']
        .flatMap((kind) => sim.store.list(kind))
        .map((o) => JSON.stringify(o))
        .join('\n')
    }
    const first = run()
    expect(first).toContain('"bootID"')
    expect(run()).toBe(first)
  })
})
