import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, newSim, readyCount } from '../../helpers/sim'
import { eventsOf, fault, nodeNamed, podsOn, ready, taints, vm } from './helpers'

const CUT = 'drydock-worker2'

/** Three pods, one on each worker, then the node is cut off. */
function partitioned(): { sim: Simulation; stranded: Pod } {
  const sim = newSim()
  apply(sim, deployment('web', { replicas: 3 }))
  sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 120_000)
  const stranded = podsOn(sim, CUT, 'web')[0]!
  expect(fault(sim, `node/${CUT}:partition`)).toBe(`node/${CUT} cut off from the network`)
  return { sim, stranded }
}

const runningContainers = (sim: Simulation, p: Pod) =>
  sim.kubelet.podMetrics(p.metadata.namespace!, p.metadata.name)?.length ?? 0

describe('a network partition of a node', () => {
  it('looks like a silent kubelet to the control plane, while its containers run on', () => {
    const { sim, stranded } = partitioned()
    expect(sim.network.isolated(CUT)).toBe(true)
    expect(sim.network.isolated('drydock-worker')).toBe(false)
    // The kubelet process and the VM run; only the API server no longer hears them.
    expect(sim.kubelets.state(CUT)).toBe('running')
    expect(sim.kubelets.posting(CUT)).toBe(false)
    expect(vm(sim, CUT)!.status!.phase).toBe('Running')

    sim.runFor(39_000)
    expect(ready(sim, CUT)).toBe('True')
    sim.runFor(16_000)
    const readyCondition = nodeNamed(sim, CUT)!.status!.conditions!.find((c) => c.type === 'Ready')
    expect(readyCondition).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    })
    sim.runFor(5_000)
    expect(taints(sim, CUT)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ])
    expect(runningContainers(sim, stranded)).toBe(1)

    // The 300 s toleration runs out: the pod is marked for deletion and replaced elsewhere.
    sim.runFor(300_000)
    const marked = sim.store.get<Pod>('Pod', 'default', stranded.metadata.name)!
    expect(marked.metadata.deletionTimestamp).toBeDefined()
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 120_000)
    expect(activePods(sim, 'web').every((p) => p.spec.nodeName !== CUT)).toBe(true)
    // Nobody told its kubelet: the container still runs there.
    expect(runningContainers(sim, stranded)).toBe(1)
  })

  it('once reconnected, the kubelet finds its pods deleted and stops them; the node is Ready again', () => {
    const { sim, stranded } = partitioned()
    sim.runFor(420_000)
    expect(fault(sim, `node/${CUT}:reconnect`)).toBe(`node/${CUT} reconnected to the network`)
    expect(sim.network.isolated(CUT)).toBe(false)
    sim.runFor(10_000)
    expect(ready(sim, CUT)).toBe('True')
    expect(taints(sim, CUT)).toEqual([])
    sim.runFor(40_000)
    expect(sim.store.get('Pod', 'default', stranded.metadata.name)).toBeUndefined()
    expect(runningContainers(sim, stranded)).toBe(0)
    expect(eventsOf(sim, 'Node', CUT)).toContain(
      `NodeNotReady: Node ${CUT} status is now: NodeNotReady`,
    )
  })

  it('a reconnect before the grace period changes nothing the control plane sees', () => {
    const { sim, stranded } = partitioned()
    sim.runFor(30_000)
    fault(sim, `node/${CUT}:reconnect`)
    sim.runFor(120_000)
    expect(ready(sim, CUT)).toBe('True')
    expect(
      sim.store.get<Pod>('Pod', 'default', stranded.metadata.name)!.metadata.deletionTimestamp,
    ).toBeUndefined()
  })

  it('a kubelet stopped during the partition stays silent after it', () => {
    const { sim } = partitioned()
    expect(fault(sim, `node/${CUT}:stop-kubelet`)).toBe(`the kubelet of node/${CUT} stopped`)
    sim.runFor(60_000)
    fault(sim, `node/${CUT}:reconnect`)
    sim.runFor(60_000)
    expect(ready(sim, CUT)).toBe('Unknown')
    fault(sim, `node/${CUT}:start-kubelet`)
    sim.runFor(10_000)
    expect(ready(sim, CUT)).toBe('True')
  })

  it('a VM rebooted while cut off reports its reboot once it is reconnected', () => {
    const sim = newSim()
    // The first boot under Drydock has no boot id to compare with: reboot once to have one.
    fault(sim, `vm/${CUT}:reboot`)
    sim.runFor(60_000)
    const rebooted = () => eventsOf(sim, 'Node', CUT).filter((e) => e.startsWith('Rebooted'))
    fault(sim, `node/${CUT}:partition`)
    fault(sim, `vm/${CUT}:reboot`)
    sim.runFor(60_000)
    expect(sim.kubelets.state(CUT)).toBe('running')
    expect(ready(sim, CUT)).toBe('Unknown')
    expect(rebooted()).toEqual([])
    fault(sim, `node/${CUT}:reconnect`)
    sim.runFor(10_000)
    expect(ready(sim, CUT)).toBe('True')
    expect(rebooted()).toHaveLength(1)
  })

  it('partitioning twice, or reconnecting a node that is not cut off, says so', () => {
    const { sim } = partitioned()
    expect(fault(sim, `node/${CUT}:partition`)).toBe(
      `node/${CUT} is already cut off from the network`,
    )
    expect(fault(sim, 'node/drydock-worker:reconnect')).toBe(
      'node/drydock-worker is not cut off from the network',
    )
  })
})
