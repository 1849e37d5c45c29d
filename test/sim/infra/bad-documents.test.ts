import { describe, expect, it } from 'vitest'
import { INFRA_API_VERSION, type Host } from '../../../src-main/sim/api/infra'
import type { Simulation } from '../../../src-main/sim/simulation'
import { newSim } from '../../helpers/sim'
import { applyAll, eventsOf, hypervisor, infraFixture, nodeNamed, vm } from './helpers'

const QUANTITY_RE = "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

/** What the API server refuses outright, each message naming its object. */
const refusals: [string, string][] = [
  [
    'Host/broken',
    'Host.drydock.dev "broken" is invalid: [spec.cores: Invalid value: 0: must be a whole number of cores greater than 0, spec.memory: Invalid value: "0": must be greater than 0]',
  ],
  [
    'Hypervisor/hv-vmware',
    'Hypervisor.drydock.dev "hv-vmware" is invalid: spec.type: Unsupported value: "vmware": supported values: "esxi", "hyperv", "kvm", "xen"',
  ],
  [
    'VirtualMachine/zero-cpus',
    'VirtualMachine.drydock.dev "zero-cpus" is invalid: spec.vcpus: Invalid value: 0: must be a whole number of vCPUs greater than 0',
  ],
  [
    'VirtualMachine/tiny',
    'VirtualMachine.drydock.dev "tiny" is invalid: spec.memory: Invalid value: "64Mi": must be more than the kubelet keeps back (100Mi: kube-reserved, system-reserved and evictionHard memory.available)',
  ],
  [
    'VirtualMachine/lots',
    `VirtualMachine.drydock.dev "lots" is invalid: spec.memory: Invalid value: "lots": quantities must match the regular expression ${QUANTITY_RE}`,
  ],
]

/** What the controller reports in the VM's `Placed` condition and a `FailedPlacement` event. */
const placements: { vm: string; reason: string; message: string }[] = [
  {
    vm: 'ghost',
    reason: 'HypervisorNotFound',
    message:
      'VirtualMachine "ghost": hypervisor "hv-z" not found (hypervisors: hv-a, hv-b, hv-lost)',
  },
  {
    vm: 'waiting',
    reason: 'HypervisorNotRunning',
    message:
      'VirtualMachine "waiting": hypervisor "hv-lost" is Pending: Hypervisor "hv-lost": host "host-z" not found (hosts: host-a, host-b)',
  },
  {
    vm: 'squatter',
    reason: 'NodeNameConflict',
    message:
      'VirtualMachine "squatter": node name "drydock-worker" is already taken by VirtualMachine "drydock-worker"',
  },
  {
    vm: 'twin-b',
    reason: 'NodeNameConflict',
    message:
      'VirtualMachine "twin-b": node name "twin" is already taken by VirtualMachine "twin-a"',
  },
  {
    vm: 'huge',
    reason: 'InsufficientCapacity',
    message:
      'VirtualMachine "huge" does not fit on hypervisor "hv-a": insufficient cpu (needs 32 vCPUs, 6 free of 14: 16 cores − 2 reserved, × 1 over-commit), ' +
      'insufficient memory (needs 64Gi, 44Gi free of 60Gi: 64Gi − 4Gi reserved, × 1 over-commit)',
  },
]

function applied(): { sim: Simulation; refused: Map<string, string> } {
  const sim = newSim()
  const refused = applyAll(sim, infraFixture('bad-documents.yaml'))
  return { sim, refused }
}

describe('infrastructure documents with mistakes', () => {
  it('are refused by the API server with their names, and nothing else is', () => {
    const { refused } = applied()
    expect([...refused]).toEqual(refusals)
  })

  it.each(placements)('$vm waits unplaced: $reason', ({ vm: name, reason, message }) => {
    const { sim } = applied()
    sim.runFor(60_000)
    const status = vm(sim, name)!.status!
    expect(status.phase).toBe('Provisioning')
    expect(status.conditions?.find((c) => c.type === 'Placed')).toMatchObject({
      status: 'False',
      reason,
      message,
    })
    expect(eventsOf(sim, 'VirtualMachine', name)).toEqual([`FailedPlacement: ${message}`])
    expect(nodeNamed(sim, vm(sim, name)!.spec.node.name)?.spec.providerID).not.toBe(
      `drydock://${name}`,
    )
  })

  it('do not stop the good ones: they boot and join', () => {
    const { sim } = applied()
    sim.runFor(60_000)
    for (const name of ['good', 'twin-a']) {
      expect(vm(sim, name)!.status!.phase).toBe('Running')
      expect(nodeNamed(sim, vm(sim, name)!.spec.node.name)?.status?.conditions).toContainEqual(
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      )
    }
    expect(hypervisor(sim, 'hv-lost')!.status).toMatchObject({ phase: 'Pending' })
    expect(eventsOf(sim, 'Hypervisor', 'hv-lost')).toEqual([
      'HostNotFound: Hypervisor "hv-lost": host "host-z" not found (hosts: host-a, host-b)',
    ])
  })

  it('are placed as soon as what they wait for exists', () => {
    const { sim } = applied()
    sim.runFor(10_000)
    applyAll(sim, [
      {
        apiVersion: INFRA_API_VERSION,
        kind: 'Host',
        metadata: { name: 'host-z' },
        spec: { cores: 4, memory: '16Gi' },
      } satisfies Host,
    ])
    expect(hypervisor(sim, 'hv-lost')!.status!.phase).toBe('Running')
    expect(vm(sim, 'waiting')!.status!.phase).toBe('Booting')
    sim.store.delete({ kind: 'VirtualMachine', name: 'twin-a' })
    sim.settle()
    expect(vm(sim, 'twin-b')!.status!.phase).toBe('Booting')
  })
})
