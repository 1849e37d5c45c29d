import { describe, expect, it } from 'vitest'
import {
  INFRA_API_VERSION,
  type Host,
  type Hypervisor,
  type VirtualMachine,
} from '../../../src-main/sim/api/infra'
import type { Node } from '../../../src-main/sim/api/core'
import { Simulation } from '../../../src-main/sim/simulation'
import type { Topology } from '../../../src-main/sim/topology'
import { fault } from './helpers'

const HOUR_MS = 3_600_000

/** `hosts` hosts, each in its own zone with one hypervisor running `perHost` worker VMs. */
function fleet(hosts: number, perHost: number): (Host | Hypervisor | VirtualMachine)[] {
  const docs: (Host | Hypervisor | VirtualMachine)[] = []
  for (let h = 0; h < hosts; h++) {
    docs.push({
      apiVersion: INFRA_API_VERSION,
      kind: 'Host',
      metadata: { name: `host-${h}` },
      spec: { cores: 512, memory: '2Ti', zone: `zone-${h}` },
    })
    docs.push({
      apiVersion: INFRA_API_VERSION,
      kind: 'Hypervisor',
      metadata: { name: `hv-${h}` },
      spec: { host: `host-${h}`, type: 'kvm' },
    })
    for (let v = 0; v < perHost; v++)
      docs.push({
        apiVersion: INFRA_API_VERSION,
        kind: 'VirtualMachine',
        metadata: { name: `vm-${h}-${v}` },
        spec: { hypervisor: `hv-${h}`, vcpus: 4, memory: '16Gi', node: { name: `node-${h}-${v}` } },
      })
  }
  return docs
}

/** Store writes (creates, updates, deletes, events) while `run` runs. */
function writesDuring(sim: Simulation, run: () => void): number {
  const before = sim.store.resourceVersion
  run()
  return sim.store.resourceVersion - before
}

describe('the cost of the machines', () => {
  it('an idle cluster of 1,000 VM nodes writes nothing in an hour, and sets no timer per node', () => {
    const sim = new Simulation({ seed: 1, infrastructure: fleet(10, 100) })
    expect(sim.infraProblems).toEqual([])
    expect(sim.store.count('Node')).toBe(1_000)
    expect(writesDuring(sim, () => sim.runFor(HOUR_MS))).toBe(0)
    expect(sim.clock.pendingTimers()).toBeLessThan(50)
  })

  it('an idle cluster of 5,000 nodes booted from a topology writes nothing in an hour', () => {
    const topology: Topology = {
      nodes: Array.from({ length: 5_000 }, (_, i) => ({
        name: `worker-${i}`,
        role: 'worker' as const,
        cpu: '8',
        memory: '32Gi',
        labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` },
      })),
    }
    const sim = new Simulation({ seed: 1, topology })
    expect(writesDuring(sim, () => sim.runFor(HOUR_MS))).toBe(0)
  })

  it('a hypervisor crash costs what it takes down, whatever the size of the cluster', () => {
    const crash = (hosts: number) => {
      const sim = new Simulation({ seed: 1, infrastructure: fleet(hosts, 50) })
      return writesDuring(sim, () => {
        fault(sim, 'hypervisor/hv-0:crash')
        sim.runFor(HOUR_MS)
      })
    }
    const small = crash(3)
    expect(small).toBeGreaterThan(0)
    expect(crash(12)).toBe(small)
  })

  it('a crash of one of ten hypervisors takes its 100 nodes to Unknown and taints them 10 s apart', () => {
    const sim = new Simulation({ seed: 1, infrastructure: fleet(10, 100) })
    const crashMs = sim.nowMs()
    fault(sim, 'hypervisor/hv-3:crash')
    sim.runFor(60_000)
    const nodes = sim.store.list<Node>('Node')
    const unknown = nodes.filter(
      (n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown',
    )
    expect(unknown.map((n) => n.metadata.name).every((n) => n.startsWith('node-3-'))).toBe(true)
    expect(unknown).toHaveLength(100)
    // A fully disrupted zone is tainted at the eviction rate: one node every 10 s.
    sim.runUntil(crashMs + 55_000 + 5_000 + 95_000)
    const tainted = sim.store
      .list<Node>('Node')
      .filter((n) => n.spec.taints?.some((t) => t.effect === 'NoExecute'))
    expect(tainted).toHaveLength(10)
  })
})
