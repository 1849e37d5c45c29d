import { describe, expect, it } from 'vitest'
import {
  applyFault,
  FaultError,
  formatFault,
  inverseOf,
  parseFault,
} from '../../../src-main/sim/infra/faults'
import { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, newSim, readyCount } from '../../helpers/sim'
import { eventsOf, fault, host, hypervisor, ready, vm } from './helpers'

interface Case {
  fault: string
  said: string
  /** What holds right after the fault, at the same instant. */
  after: (sim: Simulation) => void
  /** What holds once the inverse has been carried out and the VMs had time to boot. */
  undone: (sim: Simulation) => void
}

const vmPhase = (sim: Simulation, name: string) => vm(sim, name)!.status!.phase

const cases: Case[] = [
  {
    fault: 'host/host-b:power-off',
    said: 'host/host-b powered off',
    after: (sim) => {
      expect(host(sim, 'host-b')!.status!.powerState).toBe('Off')
      expect(hypervisor(sim, 'hv-b')!.status!.phase).toBe('Down')
      expect(vmPhase(sim, 'drydock-worker2')).toBe('Stopped')
      expect(sim.kubelets.state('drydock-worker3')).toBe('down')
      expect(eventsOf(sim, 'Host', 'host-b')).toEqual(['PoweredOff: Host powered off'])
    },
    undone: (sim) => {
      expect(hypervisor(sim, 'hv-b')!.status!.phase).toBe('Running')
      expect(vmPhase(sim, 'drydock-worker2')).toBe('Running')
    },
  },
  {
    fault: 'hypervisor/hv-a:crash',
    said: 'hypervisor/hv-a crashed',
    after: (sim) => {
      expect(vmPhase(sim, 'drydock-control-plane')).toBe('Stopped')
      expect(vmPhase(sim, 'drydock-worker')).toBe('Stopped')
      expect(vmPhase(sim, 'drydock-worker2')).toBe('Running')
      expect(hypervisor(sim, 'hv-a')!.status!.allocated).toEqual({ cpu: '0', memory: '0' })
    },
    undone: (sim) => {
      expect(hypervisor(sim, 'hv-a')!.status!.allocated).toEqual({ cpu: '6', memory: '12Gi' })
      expect(sim.kubelets.state('drydock-worker')).toBe('running')
    },
  },
  {
    fault: 'vm/drydock-worker3:power-off',
    said: 'vm/drydock-worker3 powered off',
    after: (sim) => {
      expect(vm(sim, 'drydock-worker3')!.status).toMatchObject({
        phase: 'Stopped',
        powerState: 'Off',
      })
      expect(hypervisor(sim, 'hv-b')!.status!.allocated).toEqual({ cpu: '4', memory: '8Gi' })
      expect(eventsOf(sim, 'VirtualMachine', 'drydock-worker3')).toEqual(['Stopped: Powered off'])
    },
    undone: (sim) => expect(vmPhase(sim, 'drydock-worker3')).toBe('Running'),
  },
  {
    fault: 'node/drydock-worker:stop-kubelet',
    said: 'the kubelet of node/drydock-worker stopped',
    after: (sim) => {
      expect(sim.kubelets.state('drydock-worker')).toBe('stopped')
      // Only the kubelet stopped: the machine, and the VM, run on.
      expect(vmPhase(sim, 'drydock-worker')).toBe('Running')
    },
    undone: (sim) => expect(ready(sim, 'drydock-worker')).toBe('True'),
  },
]

describe('faults and their inverses', () => {
  it.each(cases)('$fault', ({ fault: spec, said, after, undone }) => {
    const sim = newSim()
    sim.runFor(5_000)
    expect(fault(sim, spec)).toBe(said)
    after(sim)
    sim.runFor(120_000)
    const inverse = inverseOf(parseFault(spec))!
    fault(sim, formatFault(inverse))
    sim.runFor(60_000)
    undone(sim)
  })

  it.each([
    ['hypervisor/hv-a:crash', 'hypervisor/hv-a:recover'],
    ['host/host-a:power-on', 'host/host-a:power-off'],
    ['vm/x:power-off', 'vm/x:power-on'],
    ['node/n:start-kubelet', 'node/n:stop-kubelet'],
    ['vm/x:reboot', undefined],
    ['vm/x:migrate', 'vm/x:migrate-back'],
    ['vm/x:migrate-to-hv-2', 'vm/x:migrate-back'],
    ['node/n:partition', 'node/n:reconnect'],
    ['node/n:fill-memory', 'node/n:free-memory'],
    ['pod/web-1:delete', undefined],
    ['container/default/web-1/app:kill', undefined],
  ])('%s is undone by %s', (spec, inverse) => {
    const undo = inverseOf(parseFault(spec))
    expect(undo && formatFault(undo)).toBe(inverse)
  })
})

describe('a fault that names nothing, or nothing it can do', () => {
  const crashed = () => {
    const sim = newSim()
    fault(sim, 'hypervisor/hv-b:crash')
    return sim
  }
  it.each([
    [
      'hv-a',
      newSim,
      'invalid fault "hv-a": write <target>/<name>:<fault>, e.g. hypervisor/hv-a:crash',
    ],
    [
      'disk/sda:fail',
      newSim,
      'unknown fault target "disk" in "disk/sda:fail": targets are host, hypervisor, vm, node, pod, container',
    ],
    [
      'hypervisor/hv-a:explode',
      newSim,
      'unknown fault "explode" for a hypervisor: faults are crash, recover',
    ],
    ['hypervisor/hv-9:crash', newSim, 'hypervisor "hv-9" not found: hypervisors are hv-a, hv-b'],
    [
      'vm/nope:reboot',
      newSim,
      'vm "nope" not found: VMs are drydock-control-plane, drydock-worker, drydock-worker2, drydock-worker3',
    ],
    [
      'host/host-a:power-off',
      () =>
        new Simulation({
          topology: { nodes: [{ name: 'n1', role: 'worker', cpu: '2', memory: '4Gi' }] },
        }),
      'host "host-a" not found: there are no hosts',
    ],
    [
      'node/drydock-worker2:start-kubelet',
      crashed,
      'cannot start the kubelet of node/drydock-worker2: its machine is down; power its VM on or recover what is under it',
    ],
    [
      'vm/drydock-worker2:reboot',
      crashed,
      'cannot reboot vm/drydock-worker2: it is Stopped; power it on instead',
    ],
  ])('%s', (spec, make, message) => {
    const sim = make()
    expect(() => applyFault(sim, parseFault(spec))).toThrow(new FaultError(message))
  })
})

describe('a VM reboot', () => {
  it('is over before the grace period: the node stays Ready, its pods start again', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 3 }))
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 60_000)
    const onIt = activePods(sim, 'web').find((p) => p.spec.nodeName === 'drydock-worker2')!
    expect(fault(sim, 'vm/drydock-worker2:reboot')).toBe('vm/drydock-worker2 rebooting')
    expect(sim.kubelets.state('drydock-worker2')).toBe('down')
    sim.runFor(30_000)
    expect(ready(sim, 'drydock-worker2')).toBe('True')
    expect(sim.kubelets.state('drydock-worker2')).toBe('running')
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 60_000)
    expect(sim.store.get('Pod', 'default', onIt.metadata.name)).toBeDefined()
    // The first boot under Drydock had no boot id to compare with; the second has.
    fault(sim, 'vm/drydock-worker2:reboot')
    sim.runFor(30_000)
    const rebooted = eventsOf(sim, 'Node', 'drydock-worker2').filter((e) =>
      e.startsWith('Rebooted'),
    )
    expect(rebooted).toEqual([
      expect.stringMatching(
        /^Rebooted: Node drydock-worker2 has been rebooted, boot id: [0-9a-f-]{36}$/,
      ),
    ])
  })
})
