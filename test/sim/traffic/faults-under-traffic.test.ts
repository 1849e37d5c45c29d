import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { parseDurationMs } from '../../../src-main/shared/duration'
import type { TrafficView } from '../../../src-main/shared/traffic-dto'
import { applyFault, parseFault } from '../../../src-main/sim/infra/faults'
import type { Simulation } from '../../../src-main/sim/simulation'
import { parseTrafficSpec } from '../../../src-main/sim/traffic/traffic-spec'
import { fixture } from '../../helpers/fixtures'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'

/** Six nginx pods behind Service `web`, under 100 requests a second. */
function loaded(): Simulation {
  const sim = newSim()
  const d = deployment('web', { replicas: 6 })
  d.spec.template.spec.containers[0]!.ports = [{ name: 'http', containerPort: 80 }]
  apply(sim, d)
  apply(sim, fixture<KubeObject>('services', 'service-web.yaml'))
  expect(sim.runUntilTrue(() => readyCount(sim, 'web') === 6, 120_000)).toBe(true)
  sim.traffic.send(parseTrafficSpec('web=100', parseDurationMs), 'default', sim.nowMs())
  sim.runFor(10_000)
  return sim
}

function fault(sim: Simulation, spec: string): void {
  applyFault(sim, parseFault(spec))
  sim.settle()
}

const view = (sim: Simulation): TrafficView => sim.traffic.views()[0]!

const podsOn = (sim: Simulation, node: string): Pod[] =>
  sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.spec.nodeName === node && !p.metadata.deletionTimestamp)

describe('faults under steady traffic', () => {
  it('a live migration keeps every pod Running and loses no request', () => {
    const sim = loaded()
    const before = podsOn(sim, 'drydock-worker2').map((p) => p.metadata.uid)
    expect(before.length).toBeGreaterThan(0)
    fault(sim, 'vm/drydock-worker2:migrate')
    sim.runFor(120_000)
    const after = podsOn(sim, 'drydock-worker2')
    expect(after.map((p) => p.metadata.uid)).toEqual(before)
    expect(after.every((p) => p.status?.phase === 'Running')).toBe(true)
    expect(after.every((p) => p.status?.containerStatuses?.[0]?.restartCount === 0)).toBe(true)
    expect(view(sim).sent).toBe(13_000)
    expect(view(sim).failed).toBe(0)
  })

  it('a killed container refuses connections until the kubelet restarts it', () => {
    const sim = loaded()
    const victim = podsOn(sim, 'drydock-worker')[0]!
    fault(sim, `pod/${victim.metadata.name}:kill`)
    sim.runFor(60_000)
    const v = view(sim)
    expect(v.failed).toBeGreaterThan(0)
    expect(v.failedBy.connectionRefused).toBe(v.failed)
    expect(v.lossWindows).toHaveLength(1)
    expect(v.lossWindows[0]!.fromSeconds).toBe(10)
  })

  it('a node cut off the network: its pods time out until the node controller marks them not ready', () => {
    const sim = loaded()
    expect(podsOn(sim, 'drydock-worker3').length).toBeGreaterThan(0)
    fault(sim, 'node/drydock-worker3:partition')
    sim.runFor(120_000)
    const v = view(sim)
    expect(v.failedBy.timeout).toBeGreaterThan(0)
    expect(v.failed).toBe(v.failedBy.timeout)
    const window = v.lossWindows[0]!
    expect(v.lossWindows).toHaveLength(1)
    expect(window.fromSeconds).toBe(10)
    expect(window.toSeconds).toBeLessThanOrEqual(10 + 50 + 5 + 2)
  })

  it('a hypervisor crash: lost requests until the pods there leave the endpoints, then none', () => {
    const sim = loaded()
    fault(sim, 'hypervisor/hv-b:crash')
    sim.runFor(600_000)
    expect(readyCount(sim, 'web')).toBe(6)
    const v = view(sim)
    expect(v.failedBy.timeout).toBeGreaterThan(0)
    expect(v.failed).toBe(v.failedBy.timeout)
    expect(v.lossWindows).toHaveLength(1)
    // The pods are replaced after the 300 s toleration; the Service stopped
    // sending to them long before, once the nodes went NotReady.
    expect(v.lossWindows[0]!.toSeconds).toBeLessThan(10 + 70)
  })
})
