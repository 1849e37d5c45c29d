import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { DaemonSet } from '../../../src-main/sim/api/daemonset'
import type { Simulation } from '../../../src-main/sim/simulation'
import { fixture } from '../../helpers/fixtures'
import { apply, newSim } from '../../helpers/sim'
import {
  applyAll,
  eventsOf,
  fault,
  hypervisor,
  infraFixture,
  nodeNamed,
  ready,
  taints,
  vm,
} from './helpers'

const NEW = 'drydock-worker4'

function cachePods(sim: Simulation): Pod[] {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.metadata.labels?.app === 'cache')
}

function agentPodOn(sim: Simulation, nodeName: string): Pod | undefined {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .find((p) => p.metadata.labels?.app === 'agent' && p.spec.nodeName === nodeName)
}

/** The cluster with the agent DaemonSet on every worker, and the fifth VM just applied. */
function joining(): { sim: Simulation; appliedMs: number } {
  const sim = newSim()
  apply(sim, fixture<DaemonSet>('daemonsets', 'agent.yaml'))
  sim.runFor(30_000)
  const appliedMs = sim.nowMs()
  expect(applyAll(sim, infraFixture('vm-joins.yaml'))).toEqual(new Map())
  return { sim, appliedMs }
}

describe('a VirtualMachine added to the repository', () => {
  it('boots for its boot time, then its node registers NotReady and turns Ready', () => {
    const { sim, appliedMs } = joining()
    expect(vm(sim, NEW)!.status).toMatchObject({ phase: 'Booting', hypervisor: 'hv-b' })
    expect(hypervisor(sim, 'hv-b')!.status!.allocated).toEqual({ cpu: '12', memory: '24Gi' })
    expect(eventsOf(sim, 'VirtualMachine', NEW)).toEqual(['Booting: Booting on hypervisor "hv-b"'])

    sim.runUntil(appliedMs + 44_000)
    expect(nodeNamed(sim, NEW)).toBeUndefined()
    sim.runUntil(appliedMs + 45_000)
    expect(vm(sim, NEW)!.status!.phase).toBe('Running')
    const registered = nodeNamed(sim, NEW)!
    expect(ready(sim, NEW)).toBe('False')
    expect(registered.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      reason: 'KubeletNotReady',
      message:
        'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    })
    expect(taints(sim, NEW)).toEqual(['node.kubernetes.io/not-ready:NoSchedule'])

    sim.runUntil(appliedMs + 60_000)
    expect(ready(sim, NEW)).toBe('True')
    expect(taints(sim, NEW)).toEqual([])
    expect(eventsOf(sim, 'Node', NEW)).toEqual([
      'Starting: Starting kubelet.',
      `NodeHasSufficientMemory: Node ${NEW} status is now: NodeHasSufficientMemory`,
      `NodeHasNoDiskPressure: Node ${NEW} status is now: NodeHasNoDiskPressure`,
      `NodeHasSufficientPID: Node ${NEW} status is now: NodeHasSufficientPID`,
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      `RegisteredNode: Node ${NEW} event: Registered Node ${NEW} in Controller`,
      `NodeReady: Node ${NEW} status is now: NodeReady`,
    ])
  })

  it('becomes a node sized by the VM, labelled by its host, with kubeadm reservations', () => {
    const { sim, appliedMs } = joining()
    sim.runUntil(appliedMs + 60_000)
    const node = nodeNamed(sim, NEW)!
    expect(node.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': NEW,
      'topology.kubernetes.io/zone': 'zone-b',
      disk: 'ssd',
    })
    expect(node.spec.podCIDR).toBe('10.244.4.0/24')
    expect(node.spec.providerID).toBe(`drydock://${NEW}`)
    expect(node.status!.addresses).toContainEqual({ type: 'InternalIP', address: '172.18.0.6' })
    expect(node.status!.capacity).toEqual({
      cpu: '4',
      memory: '8Gi',
      pods: '110',
      'ephemeral-storage': '100Gi',
    })
    // evictionHard memory.available 100Mi and nodefs.available 10% come off.
    expect(node.status!.allocatable).toEqual({
      cpu: '4',
      memory: '8092Mi',
      pods: '110',
      'ephemeral-storage': '90Gi',
    })
  })

  it('gets its pod from a DaemonSet once it is Ready', () => {
    const { sim, appliedMs } = joining()
    sim.runUntil(appliedMs + 54_000)
    expect(agentPodOn(sim, NEW)).toBeUndefined()
    sim.runUntil(appliedMs + 90_000)
    const pod = agentPodOn(sim, NEW)
    expect(pod?.status?.phase).toBe('Running')
    expect(sim.store.get<DaemonSet>('DaemonSet', 'default', 'agent')!.status).toMatchObject({
      desiredNumberScheduled: 4,
      numberReady: 4,
    })
  })

  it('removed from a KVM host, drains nothing; its node stays NotReady and its pods move after the toleration', () => {
    const { sim, appliedMs } = joining()
    sim.runUntil(appliedMs + 90_000)
    apply(sim, fixture<Deployment>('deployments', 'deployment-prefers-ssd.yaml'))
    sim.runFor(30_000)
    expect(cachePods(sim).map((p) => p.spec.nodeName)).toEqual([NEW, NEW])
    const removedMs = sim.nowMs()
    sim.store.delete({ kind: 'VirtualMachine', name: NEW })
    sim.settle()
    // The VM is gone at once: nothing is drained, and its kubelet went with it.
    expect(sim.kubelets.state(NEW)).toBe('down')
    expect(hypervisor(sim, 'hv-b')!.status!.allocated).toEqual({ cpu: '8', memory: '16Gi' })
    sim.runUntil(removedMs + 60_000)
    expect(ready(sim, NEW)).toBe('Unknown')
    expect(taints(sim, NEW)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ])
    // The pods wait out their 300 s not-ready toleration on the unreachable node…
    sim.runUntil(removedMs + 300_000)
    expect(cachePods(sim).map((p) => p.spec.nodeName)).toEqual([NEW, NEW])
    // …then are evicted and replaced on the nodes there are.
    sim.runUntil(removedMs + 420_000)
    const moved = cachePods(sim).filter((p) => !p.metadata.deletionTimestamp)
    expect(moved).toHaveLength(2)
    expect(moved.every((p) => p.spec.nodeName !== NEW && p.status?.phase === 'Running')).toBe(true)
    // Nothing deletes the node of a machine KVM no longer runs: it stays NotReady, as on kind.
    expect(nodeNamed(sim, NEW)).toBeDefined()
    expect(eventsOf(sim, 'Node', NEW).some((e) => e.startsWith('DeletingNode'))).toBe(false)
  })

  it('removed from an ESXi host, its node is deleted by the cloud provider, and its pods are collected', () => {
    const sim = newSim()
    apply(sim, fixture<DaemonSet>('daemonsets', 'agent.yaml'))
    sim.runFor(30_000)
    expect(applyAll(sim, infraFixture('vm-joins-esxi.yaml'))).toEqual(new Map())
    sim.runFor(90_000)
    expect(agentPodOn(sim, NEW)?.status?.phase).toBe('Running')
    const removedMs = sim.nowMs()
    sim.store.delete({ kind: 'VirtualMachine', name: NEW })
    sim.settle()
    expect(sim.kubelets.state(NEW)).toBe('down')
    sim.runUntil(removedMs + 40_000)
    expect(nodeNamed(sim, NEW)).toBeDefined()
    sim.runUntil(removedMs + 60_000)
    expect(nodeNamed(sim, NEW)).toBeUndefined()
    expect(eventsOf(sim, 'Node', NEW)).toEqual(
      expect.arrayContaining([
        `DeletingNode: Deleting node ${NEW} because it does not exist in the cloud provider`,
        `RemovingNode: Node ${NEW} event: Removing Node ${NEW} from Controller`,
      ]),
    )
    // The pod garbage collector waits 40 s for a node that might come back.
    sim.runUntil(removedMs + 60_000 + 41_000)
    expect(agentPodOn(sim, NEW)).toBeUndefined()
    expect(sim.store.get<DaemonSet>('DaemonSet', 'default', 'agent')!.status).toMatchObject({
      desiredNumberScheduled: 3,
      numberReady: 3,
    })
  })
})

describe('a running VirtualMachine whose spec changes', () => {
  it('asks for a restart, and takes the change at its next boot', () => {
    const { sim, appliedMs } = joining()
    sim.runUntil(appliedMs + 60_000)
    const live = vm(sim, NEW)!
    sim.store.update({ ...live, spec: { ...live.spec, vcpus: 6 } })
    sim.settle()
    expect(vm(sim, NEW)!.status!.conditions).toContainEqual(
      expect.objectContaining({
        type: 'RestartRequired',
        status: 'True',
        message: 'a change of vcpus takes effect at the next boot',
      }),
    )
    expect(nodeNamed(sim, NEW)!.status!.capacity!.cpu).toBe('4')
    fault(sim, `vm/${NEW}:reboot`)
    expect(hypervisor(sim, 'hv-b')!.status!.allocated).toEqual({ cpu: '14', memory: '24Gi' })
    sim.runFor(45_000)
    expect(vm(sim, NEW)!.status!.conditions!.map((c) => c.type)).not.toContain('RestartRequired')
    expect(nodeNamed(sim, NEW)!.status!.capacity!.cpu).toBe('6')
    expect(ready(sim, NEW)).toBe('True')
  })
})

describe('a VirtualMachine on an over-committing hypervisor of a new host', () => {
  it('is placed within the over-committed CPU and takes its zone, rack and taints', () => {
    const sim = newSim()
    expect(applyAll(sim, infraFixture('rack.yaml'))).toEqual(new Map())
    // 8 cores − 25% kept, × 4 over-commit; 32Gi − 2Gi.
    expect(hypervisor(sim, 'hv-c')!.status).toMatchObject({
      phase: 'Running',
      capacity: { cpu: '24', memory: '30Gi' },
      allocated: { cpu: '16', memory: '16Gi' },
    })
    sim.runFor(60_000)
    const node = nodeNamed(sim, 'big-worker')!
    expect(node.metadata.labels).toMatchObject({
      'topology.kubernetes.io/zone': 'zone-c',
      'topology.drydock.dev/rack': 'r42',
    })
    expect(taints(sim, 'big-worker')).toEqual(['dedicated:NoSchedule'])
    expect(node.status!.allocatable).toMatchObject({
      memory: '16284Mi',
      'ephemeral-storage': '45Gi',
    })
  })
})
