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
import { apply, newSim, withImage } from '../../helpers/sim'

const TARGETS = [
  'web=100',
  'nodeport/web-nodeport=100',
  'loadbalancer/web-lb=100',
  'http://shop.example.com/=100',
  'http://shop.example.com/api=100@0s',
  'http://shop.example.com/static=100',
]

/** Three nginx pods behind a ClusterIP, a NodePort and a LoadBalancer Service, and the shop Ingress. */
function shop(seed = 1): Simulation {
  const sim = newSim(seed)
  const d = deployment('web', { replicas: 3 })
  d.spec.template.spec.containers[0]!.ports = [{ name: 'http', containerPort: 80 }]
  apply(sim, d)
  for (const [dir, file] of [
    ['services', 'service-web.yaml'],
    ['services', 'service-nodeport.yaml'],
    ['services', 'service-loadbalancer.yaml'],
    ['ingress', 'ingress-shop.yaml'],
  ] as const)
    apply(sim, fixture<KubeObject>(dir, file))
  sim.runFor(30_000)
  return sim
}

function send(sim: Simulation, specs: readonly string[]): void {
  for (const spec of specs)
    sim.traffic.send(parseTrafficSpec(spec, parseDurationMs), 'default', sim.nowMs())
}

const byTraffic = (sim: Simulation): Record<string, TrafficView> =>
  Object.fromEntries(sim.traffic.views().map((v) => [v.traffic, v]))

describe('traffic through each way in', () => {
  it('reaches ready pods, and says what a missing backend or rule answers', () => {
    const sim = shop()
    send(sim, TARGETS)
    sim.runFor(60_000)
    const v = byTraffic(sim)
    for (const ok of TARGETS.slice(0, 4)) {
      expect(v[ok]!.sent, ok).toBe(6_000)
      expect(v[ok]!.failed, ok).toBe(0)
    }
    // ingress-nginx answers 503 when the backend Service does not exist (a client
    // that waits for a ready endpoint would never start: this one starts at once)…
    expect(v['http://shop.example.com/api=100@0s']!.failedBy.http5xx).toBe(6_000)
    // …and the host's own `/` rule, not the host-less `/static` one, takes
    // /static to nginx, which has no such page.
    expect(v['http://shop.example.com/static=100']!.failedBy.http4xx).toBe(6_000)
  })

  it('a VM powered off: timeouts until its pods leave the endpoints, and for good through its NodePort', () => {
    const sim = shop()
    send(sim, TARGETS.slice(0, 3))
    sim.runFor(30_000)
    const pods = sim.store.list<Pod>('Pod').filter((p) => p.metadata.labels?.app === 'web')
    const lost = pods.filter((p) => p.spec?.nodeName === 'drydock-worker')
    expect(lost.length).toBeGreaterThan(0)
    applyFault(sim, parseFault('vm/drydock-worker:power-off'))
    sim.settle()
    sim.runFor(150_000)
    const v = byTraffic(sim)
    const inside = v['web=100']!
    expect(inside.failedBy.timeout).toBeGreaterThan(0)
    expect(inside.failed).toBe(inside.failedBy.timeout)
    // The node controller marks the pods not ready 50 s after the last lease
    // renewal (every 10 s), on its next 5 s check: no request is lost after that.
    const last = inside.lossWindows[inside.lossWindows.length - 1]!
    expect(inside.lossWindows).toHaveLength(1)
    expect(inside.lossWindows[0]!.fromSeconds).toBe(30)
    expect(last.toSeconds).toBeGreaterThanOrEqual(30 + 50 - 10)
    expect(last.toSeconds).toBeLessThanOrEqual(30 + 50 + 5 + 2)
    // One node in four no longer answers on its NodePort, for as long as it is off.
    const nodePort = v['nodeport/web-nodeport=100']!
    expect(nodePort.failedBy.timeout).toBeGreaterThan((150 * 100) / 4)
    expect(nodePort.lossWindows[nodePort.lossWindows.length - 1]!.toSeconds).toBe(180)
    // The load balancer's health checks leave the node out at once: it loses only what the pods there lose.
    expect(v['loadbalancer/web-lb=100']!.failed).toBeLessThan(nodePort.failed)
  })

  it('only observes: a run with traffic is the same run as without', () => {
    const run = (withTraffic: boolean): string => {
      const sim = shop(7)
      if (withTraffic) send(sim, TARGETS)
      const d = deployment('web', { replicas: 3 })
      d.spec.template.spec.containers[0]!.ports = [{ name: 'http', containerPort: 80 }]
      apply(sim, withImage(d, 'nginx:1.28'))
      sim.runFor(120_000)
      return ['Event', 'Pod', 'EndpointSlice']
        .flatMap((kind) => sim.store.list(kind))
        .map((o) => JSON.stringify(o))
        .join('\n')
    }
    expect(run(true)).toBe(run(false))
  })
})
