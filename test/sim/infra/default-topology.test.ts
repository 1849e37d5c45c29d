import { describe, expect, it } from 'vitest'
import type { Node } from '../../../src-main/sim/api/core'
import type { VirtualMachine } from '../../../src-main/sim/api/infra'
import { toRfc3339 } from '../../../src-main/sim/kernel/time'
import { DEFAULT_START_MS, Simulation } from '../../../src-main/sim/simulation'
import { defaultTopology, nodeObject } from '../../../src-main/sim/topology'
import { newSim } from '../../helpers/sim'
import { host, hypervisor, infraFixture, nodeNamed, ready, vm } from './helpers'

describe('the default machines', () => {
  it('are two hosts, a hypervisor on each, and a running VM per default node', () => {
    const sim = newSim()
    const names = (kind: string) => sim.store.list(kind).map((o) => o.metadata.name)
    expect(names('Host')).toEqual(['host-a', 'host-b'])
    expect(names('Hypervisor')).toEqual(['hv-a', 'hv-b'])
    expect(names('VirtualMachine')).toEqual(defaultTopology.nodes.map((n) => n.name))
    expect(hypervisor(sim, 'hv-a')!.status).toMatchObject({
      phase: 'Running',
      capacity: { cpu: '14', memory: '60Gi' },
      allocated: { cpu: '6', memory: '12Gi' },
      virtualMachines: 2,
    })
    expect(host(sim, 'host-b')!.status).toMatchObject({
      powerState: 'On',
      hypervisor: 'hv-b',
      allocated: { cpu: '8', memory: '16Gi' },
    })
    for (const n of defaultTopology.nodes)
      expect(vm(sim, n.name)!.status).toMatchObject({ phase: 'Running', nodeName: n.name })
  })

  it('carry exactly the nodes the default topology describes', () => {
    const sim = newSim()
    const bootText = toRfc3339(DEFAULT_START_MS)
    defaultTopology.nodes.forEach((input, i) => {
      const expected = nodeObject(input, i, bootText)
      const node = nodeNamed(sim, input.name)!
      expect(node.metadata.labels).toEqual(expected.metadata.labels)
      expect(JSON.parse(JSON.stringify(node.spec))).toEqual(
        JSON.parse(JSON.stringify(expected.spec)),
      )
      expect(node.status).toEqual(expected.status)
    })
  })

  it('give the controllers nothing to do: an idle hour writes nothing', () => {
    const sim = newSim()
    const before = sim.store.resourceVersion
    sim.runFor(3_600_000)
    expect(sim.store.resourceVersion).toBe(before)
  })

  it('give way to the machines a repository declares, booted as running', () => {
    const declared = infraFixture('rack.yaml')
    const broken = { ...(declared[2] as VirtualMachine), metadata: { name: 'broken' } }
    broken.spec = { ...broken.spec, vcpus: 0, node: { name: 'broken' } }
    const sim = new Simulation({ seed: 3, strict: true, infrastructure: [...declared, broken] })
    expect(sim.store.list<Node>('Node').map((n) => n.metadata.name)).toEqual(['big-worker'])
    expect(ready(sim, 'big-worker')).toBe('True')
    expect(sim.infraProblems).toEqual([
      {
        kind: 'VirtualMachine',
        name: 'broken',
        message:
          'VirtualMachine.drydock.dev "broken" is invalid: spec.vcpus: Invalid value: 0: must be a whole number of vCPUs greater than 0',
      },
    ])
  })
})
