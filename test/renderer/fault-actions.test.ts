import { describe, expect, it } from 'vitest'
import type { PodView } from '../../src-main/shared/dto'
import type {
  HostView,
  HypervisorView,
  NodeStateView,
  UsageView,
  VirtualMachineView,
} from '../../src-main/shared/infra-dto'
import { parseFault } from '../../src-main/sim/infra/faults'
import {
  hostFaults,
  hypervisorFaults,
  nodeFaults,
  podFaults,
  vmFaults,
  type FaultChoice,
} from '../../src-renderer/src/lib/fault-actions'

const usage: UsageView = { cpu: '0m', memory: '0Mi', cpuPercent: 0, memoryPercent: 0 }
const host = (powerState: 'On' | 'Off'): HostView => ({
  name: 'host-b',
  powerState,
  usage,
  cpuStealPercent: 0,
})
const hv = (phase: string): HypervisorView => ({
  name: 'hv-b',
  host: 'host-b',
  type: 'kvm',
  phase,
  virtualMachines: 2,
  usage,
})
const vm = (phase: string, powerState: 'On' | 'Off'): VirtualMachineView => ({
  name: 'drydock-worker2',
  hypervisor: 'hv-b',
  vcpus: 4,
  memory: '8Gi',
  phase,
  powerState,
  node: 'drydock-worker2',
  usage,
  cpuStealPercent: 0,
})
const node = (
  status: string,
  kubelet: NodeStateView['kubelet'] = 'running',
  partitioned = false,
): NodeStateView => ({
  name: 'drydock-worker2',
  status,
  ready: 'True',
  reason: 'KubeletReady',
  taints: [],
  pods: 0,
  kubelet,
  partitioned,
  usage,
})
const pod = { namespace: 'default', name: 'web-6c455b6594-abcde' } as PodView

const actions = (choices: FaultChoice[]) => choices.map((c) => c.spec)

describe('the faults offered on what is drawn', () => {
  const cases: [what: string, choices: FaultChoice[], specs: string[]][] = [
    ['a host that is on', hostFaults(host('On')), ['host/host-b:power-off']],
    ['a host that is off', hostFaults(host('Off')), ['host/host-b:power-on']],
    ['a running hypervisor', hypervisorFaults(hv('Running')), ['hypervisor/hv-b:crash']],
    ['a crashed hypervisor', hypervisorFaults(hv('Crashed')), ['hypervisor/hv-b:recover']],
    ['a hypervisor whose host is off', hypervisorFaults(hv('Down')), []],
    [
      'a running VM',
      vmFaults(vm('Running', 'On')),
      [
        'vm/drydock-worker2:power-off',
        'vm/drydock-worker2:reboot',
        'vm/drydock-worker2:migrate',
        'vm/drydock-worker2:migrate-back',
      ],
    ],
    ['a VM powered off', vmFaults(vm('Stopped', 'Off')), ['vm/drydock-worker2:power-on']],
    [
      'a node',
      nodeFaults('drydock-worker2', node('Ready')),
      [
        'node/drydock-worker2:stop-kubelet',
        'node/drydock-worker2:cordon',
        'node/drydock-worker2:drain',
        'node/drydock-worker2:partition',
        'node/drydock-worker2:fill-memory',
        'node/drydock-worker2:free-memory',
      ],
    ],
    [
      'a node whose kubelet is stopped, cut off',
      nodeFaults('drydock-worker2', node('NotReady', 'stopped', true)),
      [
        'node/drydock-worker2:start-kubelet',
        'node/drydock-worker2:cordon',
        'node/drydock-worker2:drain',
        'node/drydock-worker2:reconnect',
        'node/drydock-worker2:fill-memory',
        'node/drydock-worker2:free-memory',
      ],
    ],
    [
      'a node whose machine is down',
      nodeFaults('drydock-worker2', node('NotReady', 'down')),
      ['node/drydock-worker2:cordon', 'node/drydock-worker2:drain'],
    ],
    [
      'a pod',
      podFaults(pod),
      ['pod/default/web-6c455b6594-abcde:kill', 'pod/default/web-6c455b6594-abcde:delete'],
    ],
  ]

  it.each(cases)('%s', (_what, choices, specs) => {
    expect(actions(choices)).toEqual(specs)
    // Each is a fault as the CLI writes it: the host will understand it.
    for (const c of choices) expect(() => parseFault(c.spec)).not.toThrow()
  })

  it('offers uncordon on a cordoned node, in place of cordon', () => {
    const specs = actions(nodeFaults('drydock-worker2', node('Ready,SchedulingDisabled')))
    expect(specs).toContain('node/drydock-worker2:uncordon')
    expect(specs).not.toContain('node/drydock-worker2:cordon')
  })
})
