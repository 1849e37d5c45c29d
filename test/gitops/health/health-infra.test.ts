import { describe, expect, it } from 'vitest'
import { assessHealth } from '../../../src-main/gitops/health/health'
import type { Manifest } from '../../../src-main/gitops/manifest/types'
import type { Simulation } from '../../../src-main/sim/simulation'
import { newSim } from '../../helpers/sim'
import { applyAll, fault, infraFixture } from '../../sim/infra/helpers'

const live = (sim: Simulation, kind: string, name: string) =>
  assessHealth(sim.store.get(kind, undefined, name) as Manifest | undefined)

interface Case {
  name: string
  /** Brings the default machines (plus `bad-documents.yaml` when asked) into the state. */
  act: (sim: Simulation) => void
  kind: string
  object: string
  status: string
  message: string | RegExp
}

const cases: Case[] = [
  {
    name: 'a running VM',
    act: () => {},
    kind: 'VirtualMachine',
    object: 'drydock-worker',
    status: 'Healthy',
    message: '',
  },
  {
    name: 'a powered-on host',
    act: () => {},
    kind: 'Host',
    object: 'host-a',
    status: 'Healthy',
    message: '',
  },
  {
    name: 'a running hypervisor',
    act: () => {},
    kind: 'Hypervisor',
    object: 'hv-a',
    status: 'Healthy',
    message: '',
  },
  {
    name: 'a crashed hypervisor',
    act: (sim) => fault(sim, 'hypervisor/hv-b:crash'),
    kind: 'Hypervisor',
    object: 'hv-b',
    status: 'Degraded',
    message: 'the hypervisor crashed',
  },
  {
    name: 'a VM whose hypervisor crashed',
    act: (sim) => fault(sim, 'hypervisor/hv-b:crash'),
    kind: 'VirtualMachine',
    object: 'drydock-worker2',
    status: 'Suspended',
    message: 'hypervisor "hv-b" is Crashed',
  },
  {
    name: 'a powered-off host, and its hypervisor',
    act: (sim) => fault(sim, 'host/host-b:power-off'),
    kind: 'Host',
    object: 'host-b',
    status: 'Suspended',
    message: 'Powered off',
  },
  {
    name: 'the hypervisor of a powered-off host',
    act: (sim) => fault(sim, 'host/host-b:power-off'),
    kind: 'Hypervisor',
    object: 'hv-b',
    status: 'Degraded',
    message: 'host "host-b" is powered off',
  },
  {
    name: 'a rebooting VM',
    act: (sim) => fault(sim, 'vm/drydock-worker3:reboot'),
    kind: 'VirtualMachine',
    object: 'drydock-worker3',
    status: 'Progressing',
    message: 'Booting',
  },
  {
    name: 'a VM whose hypervisor does not exist',
    act: (sim) => void applyAll(sim, infraFixture('bad-documents.yaml')),
    kind: 'VirtualMachine',
    object: 'ghost',
    status: 'Degraded',
    message:
      'VirtualMachine "ghost": hypervisor "hv-z" not found (hypervisors: hv-a, hv-b, hv-lost)',
  },
]

describe('health of the machines', () => {
  it.each(cases)('$name is $status', ({ act, kind, object, status, message }) => {
    const sim = newSim()
    act(sim)
    const health = live(sim, kind, object)
    expect(health.status).toBe(status)
    if (typeof message === 'string') expect(health.message).toBe(message)
    else expect(health.message).toMatch(message)
  })
})
