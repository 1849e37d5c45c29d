import { describe, expect, it } from 'vitest'
import type { NodeView } from '../../src-main/shared/dto'
import type { InfrastructureView, UsageView } from '../../src-main/shared/infra-dto'
import { machineTree } from '../../src-renderer/src/lib/machine-tree'

const usage: UsageView = { cpu: '0m', memory: '0Mi', cpuPercent: 0, memoryPercent: 0 }
const nodeView = (name: string): NodeView => ({
  name,
  status: 'Ready',
  roles: 'worker',
  version: 'v1.33.1',
  pods: [],
})
const hostView = (name: string) => ({ name, powerState: 'On' as const, usage, cpuStealPercent: 0 })
const hvView = (name: string, host: string) => ({
  name,
  host,
  type: 'kvm',
  phase: 'Running',
  virtualMachines: 0,
  usage,
})
const vmView = (name: string, hypervisor: string, node = name) => ({
  name,
  hypervisor,
  vcpus: 4,
  memory: '8Gi',
  phase: 'Running',
  powerState: 'On' as const,
  node,
  usage,
  cpuStealPercent: 0,
})
const stateView = (name: string) => ({
  name,
  status: 'Ready',
  ready: 'True' as const,
  reason: 'KubeletReady',
  taints: [],
  pods: 0,
  kubelet: 'running' as const,
  partitioned: false,
  usage,
})

describe('machineTree', () => {
  it('hangs VMs under their hypervisor, and each node with its state under its VM', () => {
    const infra: InfrastructureView = {
      hosts: [hostView('host-a'), hostView('host-b')],
      hypervisors: [hvView('hv-a', 'host-a'), hvView('hv-b', 'host-b')],
      virtualMachines: [vmView('w1', 'hv-a'), vmView('w2', 'hv-b'), vmView('w3', 'hv-b')],
      nodes: [stateView('w1'), stateView('w2')],
    }
    const tree = machineTree(infra, [nodeView('w1'), nodeView('w2'), nodeView('w3')])
    const drawn = tree.hosts.map((h) => [
      h.host.name,
      h.hypervisors.map((hv) => [
        hv.hypervisor.name,
        hv.vms.map((v) => [v.vm.name, v.node?.node.name, v.node?.state?.reason]),
      ]),
    ])
    expect(drawn).toEqual([
      ['host-a', [['hv-a', [['w1', 'w1', 'KubeletReady']]]]],
      [
        'host-b',
        [
          [
            'hv-b',
            [
              ['w2', 'w2', 'KubeletReady'],
              ['w3', 'w3', undefined],
            ],
          ],
        ],
      ],
    ])
    expect([tree.hypervisors, tree.vms, tree.nodes]).toEqual([[], [], []])
  })

  it('keeps what hangs from nothing: nodes without a machine, a VM without its hypervisor', () => {
    const infra: InfrastructureView = {
      hosts: [],
      hypervisors: [hvView('hv-x', 'gone-host')],
      virtualMachines: [vmView('booting', 'hv-x', 'not-yet'), vmView('lost', 'gone-hv')],
      nodes: [],
    }
    const tree = machineTree(infra, [nodeView('bare'), nodeView('lost')])
    expect(tree.hypervisors.map((h) => [h.hypervisor.name, h.vms.map((v) => v.node)])).toEqual([
      ['hv-x', [undefined]],
    ])
    expect(tree.vms.map((v) => [v.vm.name, v.node?.node.name])).toEqual([['lost', 'lost']])
    expect(tree.nodes.map((n) => n.node.name)).toEqual(['bare'])
  })
})
