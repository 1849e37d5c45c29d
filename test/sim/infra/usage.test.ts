import { describe, expect, it } from 'vitest'
import type { Amount } from '../../../src-main/sim/infra/capacity'
import type { MachineSources } from '../../../src-main/sim/infra/demand'
import { cpuStealFraction, MAX_CPU_STEAL, stealFraction } from '../../../src-main/sim/infra/steal'
import { usageRollUp } from '../../../src-main/sim/infra/usage'
import { Simulation } from '../../../src-main/sim/simulation'
import { fault, infraFixture } from './helpers'

const Mi = 2 ** 20
const Gi = 2 ** 30

describe('CPU steal', () => {
  it.each([
    { case: 'nothing wanted', available: 8000, demand: 0, steal: 0 },
    { case: 'less than the cores', available: 8000, demand: 4600, steal: 0 },
    { case: 'exactly the cores', available: 8000, demand: 8000, steal: 0 },
    { case: 'twice the cores: each VM gets half', available: 8000, demand: 16000, steal: 0.5 },
    { case: 'a quarter more than the cores', available: 8000, demand: 10000, steal: 0.2 },
    { case: 'far too much: capped', available: 8000, demand: 200000, steal: MAX_CPU_STEAL },
    { case: 'the hypervisor keeps every core', available: 0, demand: 100, steal: MAX_CPU_STEAL },
  ])('$case', ({ available, demand, steal }) => {
    expect(stealFraction(available, demand)).toBeCloseTo(steal, 10)
    expect(stealFraction(available, demand)).toBeLessThan(1)
  })
})

/** The saturated fixture's machines, with the containers' use per node set by the test instead of run. */
function machines(podsUse: Record<string, Amount>): { sim: Simulation; sources: MachineSources } {
  const sim = new Simulation({
    seed: 1,
    strict: true,
    infrastructure: infraFixture('saturated.yaml'),
  })
  const kubelet = {
    nodeUsage: (nodeName: string) => podsUse[nodeName] ?? { cpuMillis: 0, memoryBytes: 0 },
  }
  return { sim, sources: { store: sim.store, kubelet, infra: sim.infra } }
}

const use = (cpuMillis: number, memoryBytes = 0): Amount => ({ cpuMillis, memoryBytes })
/** busy-N's kubelet reserves 100m + 100m and 256Mi + 256Mi: what its own daemons use. */
const SHARE = use(200, 512 * Mi)

interface RollUpCase {
  case: string
  /** What the containers on each node use. */
  pods: Record<string, Amount>
  nodes: Record<string, Amount>
  hypervisors: Record<string, Amount>
  /** Usage and steal. */
  hosts: Record<string, [Amount, number]>
}

describe('usage rolls up: pod → node → VM → hypervisor → host', () => {
  it.each<RollUpCase>([
    {
      case: 'idle: each busy-N uses its daemons’ share; hv-busy adds the 4Gi it keeps',
      pods: {},
      nodes: { 'busy-1': SHARE, 'busy-4': SHARE, 'calm-1': use(0) },
      hypervisors: { 'hv-busy': use(800, 4 * 512 * Mi + 4 * Gi), 'hv-calm': use(0) },
      hosts: { 'host-busy': [use(800, 6 * Gi), 0], 'host-calm': [use(0), 0] },
    },
    {
      case: 'one busy VM: capped at its 4 vCPUs and 8Gi, the host still has room',
      pods: { 'busy-1': use(6000, 9 * Gi), 'calm-1': use(1500, 1 * Gi) },
      nodes: { 'busy-1': use(4000, 8 * Gi), 'busy-2': SHARE, 'calm-1': use(1500, 1 * Gi) },
      hypervisors: {
        'hv-busy': use(4600, 8 * Gi + 3 * 512 * Mi + 4 * Gi),
        'hv-calm': use(1500, Gi),
      },
      hosts: { 'host-busy': [use(4600, 13.5 * Gi), 0], 'host-calm': [use(1500, Gi), 0] },
    },
    {
      case: 'four busy VMs want 16 cores of 8: each gets half',
      pods: { 'busy-1': use(4000), 'busy-2': use(4000), 'busy-3': use(4000), 'busy-4': use(4000) },
      nodes: { 'busy-1': use(2000, 512 * Mi), 'busy-4': use(2000, 512 * Mi), 'calm-1': use(0) },
      hypervisors: { 'hv-busy': use(8000, 6 * Gi), 'hv-calm': use(0) },
      hosts: { 'host-busy': [use(8000, 6 * Gi), 0.5], 'host-calm': [use(0), 0] },
    },
    {
      case: 'three busy VMs want 12.2 cores of 8: the idle one is slowed too',
      pods: { 'busy-1': use(4000), 'busy-2': use(4000), 'busy-3': use(4000) },
      nodes: {
        'busy-1': use(Math.round(4000 * (8000 / 12200)), 512 * Mi),
        'busy-4': use(Math.round(200 * (8000 / 12200)), 512 * Mi),
      },
      hypervisors: { 'hv-busy': use(3 * 2623 + 131, 6 * Gi) },
      hosts: { 'host-busy': [use(3 * 2623 + 131, 6 * Gi), 1 - 8000 / 12200] },
    },
  ])('$case', ({ pods, nodes, hypervisors, hosts }) => {
    const { sim, sources } = machines(pods)
    const usage = usageRollUp(sources, sim.nowMs())
    for (const [name, amount] of Object.entries(nodes)) {
      expect(usage.nodes.get(name), name).toEqual(amount)
      // A node's VM uses what the node does.
      expect(usage.virtualMachines.get(name), name).toMatchObject(amount)
    }
    for (const [name, amount] of Object.entries(hypervisors))
      expect(usage.hypervisors.get(name), name).toEqual(amount)
    for (const [name, [amount, steal]] of Object.entries(hosts)) {
      const host = usage.hosts.get(name)!
      expect({ cpuMillis: host.cpuMillis, memoryBytes: host.memoryBytes }, name).toEqual(amount)
      expect(host.cpuSteal, name).toBeCloseTo(steal, 10)
      expect(host.cpuMillis, `${name} never uses more than its cores`).toBeLessThanOrEqual(8000)
    }
  })

  it('a crashed hypervisor and its stopped VMs use nothing; their nodes neither', () => {
    const { sim, sources } = machines({ 'busy-1': use(4000, Gi), 'calm-1': use(500) })
    fault(sim, 'hypervisor/hv-busy:crash')
    const usage = usageRollUp(sources, sim.nowMs())
    expect(usage.hypervisors.has('hv-busy')).toBe(false)
    expect(usage.virtualMachines.has('busy-1')).toBe(false)
    expect(usage.hosts.get('host-busy')).toEqual({ cpuMillis: 0, memoryBytes: 0, cpuSteal: 0 })
    expect(usage.hosts.get('host-calm')).toMatchObject(use(500))
  })
})

describe('cpuStealFraction of a node', () => {
  const allBusy = {
    'busy-1': use(4000),
    'busy-2': use(4000),
    'busy-3': use(4000),
    'busy-4': use(4000),
  }
  it.each([
    { case: 'a node on the saturated host', pods: allBusy, node: 'busy-3', steal: 0.5 },
    { case: 'the idle node of a saturated host', pods: allBusy, node: 'busy-4', steal: 0.5 },
    { case: 'a node on a host with room', pods: allBusy, node: 'calm-1', steal: 0 },
    { case: 'the same host, idle', pods: {}, node: 'busy-1', steal: 0 },
    { case: 'a node that does not exist', pods: allBusy, node: 'ghost', steal: 0 },
  ])('$case: $steal', ({ pods, node, steal }) => {
    const { sim, sources } = machines(pods)
    expect(cpuStealFraction(sources, node, sim.nowMs())).toBeCloseTo(steal, 10)
  })

  it('is 0 on a node with no machine under it', () => {
    const sim = new Simulation({
      seed: 1,
      strict: true,
      topology: { nodes: [{ name: 'bare', role: 'worker', cpu: '4', memory: '8Gi' }] },
    })
    const sources = { store: sim.store, kubelet: { nodeUsage: () => use(64000) }, infra: sim.infra }
    expect(cpuStealFraction(sources, 'bare', sim.nowMs())).toBe(0)
  })
})
