import { describe, expect, it } from 'vitest'
import { kubectlGet } from '../../../src-main/sim/views/kubectl/get'
import { newSim } from '../../helpers/sim'
import { fault } from '../infra/helpers'

describe('kubectl get of the machines', () => {
  it.each([
    [
      'hosts',
      [
        'NAME     CORES   MEMORY   ZONE     POWER   HYPERVISOR   AGE',
        'host-a   16      64Gi     zone-a   On      hv-a         60s',
        'host-b   16      64Gi     zone-b   Off     hv-b         60s',
      ],
    ],
    [
      'hv',
      [
        'NAME   HOST     TYPE   PHASE     VMS   AGE',
        'hv-a   host-a   kvm    Running   2     60s',
        'hv-b   host-b   kvm    Down      0     60s',
      ],
    ],
    [
      'vms',
      [
        'NAME                    HYPERVISOR   VCPUS   MEMORY   PHASE     NODE                    AGE',
        'drydock-control-plane   hv-a         2       4Gi      Running   drydock-control-plane   60s',
        'drydock-worker          hv-a         4       8Gi      Running   drydock-worker          60s',
        'drydock-worker2         hv-b         4       8Gi      Stopped   drydock-worker2         60s',
        'drydock-worker3         hv-b         4       8Gi      Stopped   drydock-worker3         60s',
      ],
    ],
  ])('%s, with host-b powered off', (type, lines) => {
    const sim = newSim()
    fault(sim, 'host/host-b:power-off')
    sim.runFor(60_000)
    const out = kubectlGet(sim.store, sim.nowMs(), { args: [type] })
    expect(out.stdout).toBe(`${lines.join('\n')}\n`)
  })
})
