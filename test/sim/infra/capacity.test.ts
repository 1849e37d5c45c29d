import { describe, expect, it } from 'vitest'
import {
  INFRA_API_VERSION,
  type Host,
  type Hypervisor,
  type KubeletReservations,
  type VirtualMachine,
} from '../../../src-main/sim/api/infra'
import {
  bytesText,
  cpuText,
  hypervisorCapacity,
  placementRefusal,
} from '../../../src-main/sim/infra/capacity'
import { KIND_EVICTION_HARD } from '../../../src-main/sim/infra/default-infra'
import { nodeResources } from '../../../src-main/sim/infra/node-resources'

function vmOf(memory: string, kubelet?: KubeletReservations, disk?: string): VirtualMachine {
  return {
    apiVersion: INFRA_API_VERSION,
    kind: 'VirtualMachine',
    metadata: { name: 'vm' },
    spec: { hypervisor: 'hv', vcpus: 4, memory, disk, node: { name: 'n', kubelet } },
  }
}

describe('quantities as the API prints them', () => {
  it.each([
    [0, '0'],
    [8 * 2 ** 30, '8Gi'],
    [8 * 2 ** 30 - 100 * 2 ** 20, '8092Mi'],
    [2 ** 40, '1Ti'],
    [1000, '1000'],
    [966367641, '966367641'],
  ])('%d bytes: %s', (value, text) => expect(bytesText(value)).toBe(text))

  it.each([
    [4000, '4'],
    [3500, '3500m'],
  ])('%d millicores: %s', (value, text) => expect(cpuText(value)).toBe(text))
})

describe("a VM's node resources", () => {
  it.each([
    {
      case: "kubeadm's defaults: memory.available 100Mi and nodefs.available 10% come off",
      vm: vmOf('8Gi'),
      allocatable: { cpu: '4', memory: '8092Mi', pods: '110', 'ephemeral-storage': '90Gi' },
    },
    {
      case: "kind's thresholds: nothing comes off",
      vm: vmOf('8Gi', { evictionHard: KIND_EVICTION_HARD }),
      allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    },
    {
      case: 'kube-reserved and system-reserved come off too',
      vm: vmOf(
        '8Gi',
        {
          kubeReserved: { cpu: '100m', memory: '256Mi' },
          systemReserved: { cpu: '400m', memory: '512Mi' },
        },
        '20Gi',
      ),
      allocatable: { cpu: '3500m', memory: '7324Mi', pods: '110', 'ephemeral-storage': '18Gi' },
    },
  ])('$case', ({ vm, allocatable }) => {
    expect(nodeResources(vm).allocatable).toEqual(allocatable)
  })
})

function hostOf(cores: number, memory: string): Host {
  return {
    apiVersion: INFRA_API_VERSION,
    kind: 'Host',
    metadata: { name: 'h' },
    spec: { cores, memory },
  }
}

function hvOf(spec: Partial<Hypervisor['spec']>): Hypervisor {
  return {
    apiVersion: INFRA_API_VERSION,
    kind: 'Hypervisor',
    metadata: { name: 'hv' },
    spec: { host: 'h', type: 'kvm', ...spec },
  }
}

describe("a hypervisor's capacity", () => {
  it.each([
    { case: 'all of the host', hv: hvOf({}), cpu: 16_000, memory: 64 * 2 ** 30 },
    {
      case: 'less a share it keeps',
      hv: hvOf({ reserved: { cpu: '25%', memory: '10%' } }),
      cpu: 12_000,
      memory: Math.floor(64 * 2 ** 30 * 0.9),
    },
    {
      case: 'less an amount it keeps, times over-commit',
      hv: hvOf({ reserved: { cpu: 2, memory: '4Gi' }, overcommit: { cpu: 4, memory: 1.5 } }),
      cpu: 56_000,
      memory: 90 * 2 ** 30,
    },
  ])('$case', ({ hv, cpu, memory }) => {
    expect(hypervisorCapacity(hostOf(16, '64Gi'), hv).total).toEqual({
      cpuMillis: cpu,
      memoryBytes: memory,
    })
  })

  it('refuses a VM that does not fit, saying by how much', () => {
    const hv = hvOf({ overcommit: { cpu: 2 } })
    const capacity = hypervisorCapacity(hostOf(4, '16Gi'), hv)
    const taken = { cpuMillis: 6_000, memoryBytes: 8 * 2 ** 30 }
    expect(placementRefusal(vmOf('4Gi'), hv, capacity, taken)).toBe(
      'VirtualMachine "vm" does not fit on hypervisor "hv": insufficient cpu (needs 4 vCPUs, 2 free of 8: 4 cores − 0 reserved, × 2 over-commit)',
    )
    expect(
      placementRefusal(vmOf('8Gi'), hv, capacity, { cpuMillis: 0, memoryBytes: 8 * 2 ** 30 }),
    ).toBeUndefined()
  })
})
