import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import {
  INFRA_API_VERSION,
  type Host,
  type Hypervisor,
  type VirtualMachine,
} from '../../../src-main/sim/api/infra'
import { FaultError, applyFault, parseFault } from '../../../src-main/sim/infra/faults'
import { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'
import { fault, hypervisor, nodeNamed, ready, vm } from './helpers'

const MOVED = 'drydock-worker2'

function running(): Simulation {
  const sim = newSim()
  apply(sim, deployment('web', { replicas: 6 }))
  sim.runUntilTrue(() => readyCount(sim, 'web') === 6, 120_000)
  return sim
}

/** What Kubernetes sees of the pods: which exist, where, how often they restarted. */
const podsSeen = (sim: Simulation) =>
  sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .map((p) => [
      p.metadata.uid,
      p.spec.nodeName,
      p.status?.phase,
      p.status?.containerStatuses?.[0]?.restartCount,
    ])

describe('a live migration', () => {
  it('moves a running VM to the least loaded hypervisor; Kubernetes never notices', () => {
    const sim = running()
    const node = nodeNamed(sim, MOVED)!
    const pods = podsSeen(sim)
    expect(pods.some(([, nodeName]) => nodeName === MOVED)).toBe(true)
    expect(fault(sim, `vm/${MOVED}:migrate`)).toBe(
      `vm/${MOVED} live-migrated from hypervisor "hv-b" to "hv-a"`,
    )
    expect(vm(sim, MOVED)!.status).toMatchObject({
      phase: 'Running',
      hypervisor: 'hv-a',
      migratedFrom: 'hv-b',
    })
    // Not a change of spec: nothing waits for a restart.
    expect(vm(sim, MOVED)!.status!.conditions!.map((c) => c.type)).not.toContain('RestartRequired')
    expect(hypervisor(sim, 'hv-a')!.status).toMatchObject({
      allocated: { cpu: '10', memory: '20Gi' },
      virtualMachines: 3,
    })
    expect(hypervisor(sim, 'hv-b')!.status).toMatchObject({
      allocated: { cpu: '4', memory: '8Gi' },
      virtualMachines: 1,
    })
    sim.runFor(600_000)
    expect(sim.kubelets.state(MOVED)).toBe('running')
    expect(nodeNamed(sim, MOVED)).toBe(node)
    expect(podsSeen(sim)).toEqual(pods)
  })

  it("takes the VM out of its old hypervisor's fate and into the new one's", () => {
    const sim = running()
    fault(sim, `vm/${MOVED}:migrate-to-hv-a`)
    fault(sim, 'hypervisor/hv-b:crash')
    expect(vm(sim, MOVED)!.status!.phase).toBe('Running')
    expect(vm(sim, 'drydock-worker3')!.status!.phase).toBe('Stopped')
    sim.runFor(120_000)
    expect(ready(sim, MOVED)).toBe('True')
    expect(ready(sim, 'drydock-worker3')).toBe('Unknown')
    fault(sim, 'hypervisor/hv-a:crash')
    expect(vm(sim, MOVED)!.status!.phase).toBe('Stopped')
    expect(sim.kubelets.state(MOVED)).toBe('down')
  })

  it('is undone by migrate-back, to where it first ran', () => {
    const sim = running()
    fault(sim, `vm/${MOVED}:migrate`)
    expect(fault(sim, `vm/${MOVED}:migrate-back`)).toBe(
      `vm/${MOVED} live-migrated from hypervisor "hv-a" to "hv-b"`,
    )
    expect(vm(sim, MOVED)!.status!.hypervisor).toBe('hv-b')
    expect(vm(sim, MOVED)!.status!.migratedFrom).toBeUndefined()
    expect(fault(sim, `vm/${MOVED}:migrate-back`)).toBe(`vm/${MOVED} has not been migrated`)
  })

  it('a VM stopped under its new hypervisor boots where its spec says', () => {
    const sim = running()
    fault(sim, `vm/${MOVED}:migrate`)
    fault(sim, 'hypervisor/hv-a:crash')
    sim.runFor(60_000)
    expect(vm(sim, MOVED)!.status).toMatchObject({ phase: 'Running', hypervisor: 'hv-b' })
    expect(vm(sim, MOVED)!.status!.migratedFrom).toBeUndefined()
  })
})

/** Two 8-core hosts: hv-a full with two 4-vCPU VMs, hv-b with one. */
function tight(): Simulation {
  const host = (name: string): Host => ({
    apiVersion: INFRA_API_VERSION,
    kind: 'Host',
    metadata: { name },
    spec: { cores: 8, memory: '32Gi' },
  })
  const hv = (name: string, hostName: string): Hypervisor => ({
    apiVersion: INFRA_API_VERSION,
    kind: 'Hypervisor',
    metadata: { name },
    spec: { host: hostName, type: 'kvm' },
  })
  const machine = (name: string, hvName: string): VirtualMachine => ({
    apiVersion: INFRA_API_VERSION,
    kind: 'VirtualMachine',
    metadata: { name },
    spec: { hypervisor: hvName, vcpus: 4, memory: '8Gi', node: { name } },
  })
  return new Simulation({
    strict: true,
    infrastructure: [
      host('host-a'),
      host('host-b'),
      hv('hv-a', 'host-a'),
      hv('hv-b', 'host-b'),
      machine('vm-1', 'hv-a'),
      machine('vm-2', 'hv-a'),
      machine('vm-3', 'hv-b'),
    ],
  })
}

describe('a migration that cannot be done', () => {
  it.each([
    [
      'vm/vm-3:migrate-to-hv-a',
      'cannot migrate vm/vm-3: VirtualMachine "vm-3" does not fit on hypervisor "hv-a": insufficient cpu (needs 4 vCPUs, 0 free of 8: 8 cores − 0 reserved, × 1 over-commit)',
    ],
    [
      'vm/vm-3:migrate',
      'cannot migrate vm/vm-3: no other running hypervisor can take it: VirtualMachine "vm-3" does not fit on hypervisor "hv-a": insufficient cpu (needs 4 vCPUs, 0 free of 8: 8 cores − 0 reserved, × 1 over-commit)',
    ],
    ['vm/vm-3:migrate-to-hv-b', 'cannot migrate vm/vm-3: it already runs on hypervisor "hv-b"'],
    [
      'vm/vm-3:migrate-to-hv-z',
      'cannot migrate vm/vm-3: hypervisor "hv-z" not found: hypervisors are hv-a, hv-b',
    ],
  ])('%s', (spec, message) => {
    const sim = tight()
    sim.runFor(60_000)
    expect(() => applyFault(sim, parseFault(spec))).toThrow(new FaultError(message))
  })

  it('a VM that is not running, or a hypervisor that is not', () => {
    const sim = tight()
    sim.runFor(60_000)
    fault(sim, 'vm/vm-1:power-off')
    expect(() => applyFault(sim, parseFault('vm/vm-1:migrate'))).toThrow(
      new FaultError(
        'cannot migrate vm/vm-1: it is Stopped; only a running VM can be live-migrated',
      ),
    )
    fault(sim, 'hypervisor/hv-a:crash')
    expect(() => applyFault(sim, parseFault('vm/vm-3:migrate'))).toThrow(
      new FaultError(
        'cannot migrate vm/vm-3: no other running hypervisor can take it: hypervisor "hv-a" is Crashed',
      ),
    )
  })

  it('with over-commit, a full hypervisor still takes it', () => {
    const sim = tight()
    sim.runFor(60_000)
    const hv = hypervisor(sim, 'hv-a')!
    sim.store.update<Hypervisor>({ ...hv, spec: { ...hv.spec, overcommit: { cpu: 2 } } })
    sim.settle()
    expect(fault(sim, 'vm/vm-3:migrate')).toBe(
      'vm/vm-3 live-migrated from hypervisor "hv-b" to "hv-a"',
    )
    expect(
      nodeNamed(sim, 'vm-3')!.status!.conditions!.find((c) => c.type === 'Ready')!.status,
    ).toBe('True')
  })
})
