import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { isPodReady } from '../../../src-main/sim/api/pod-util'
import type { Simulation } from '../../../src-main/sim/simulation'
import { parseTrafficSpec } from '../../../src-main/sim/traffic/traffic-spec'
import type { TrafficView } from '../../../src-main/shared/traffic-dto'
import { parseDurationMs } from '../../../src-main/shared/duration'
import { fixture } from '../../helpers/fixtures'
import { activePods, apply, newSim } from '../../helpers/sim'

/** Whether every pod of the Deployment runs the wanted image, is ready, and no old pod is left. */
function rolledOut(sim: Simulation, image: string): boolean {
  const pods = sim.store
    .list('Pod', { namespace: 'default' })
    .filter((p) => p.metadata.labels?.app === 'api')
  return (
    pods.length === 4 &&
    activePods(sim, 'api').every((p) => p.spec.containers[0]!.image === image && isPodReady(p))
  )
}

/**
 * Boots the Deployment, puts 100 requests a second on its Service once it
 * answers, then rolls it from 1.0 to 2.0 and lets it settle: what the client saw.
 */
function rollUnderTraffic(variant: string, seed = 1): TrafficView {
  const sim = newSim(seed)
  apply(sim, fixture<KubeObject>('traffic', 'image-api.yaml'))
  apply(sim, fixture<KubeObject>('traffic', 'service-api.yaml'))
  const d = fixture<Deployment>('traffic', `deployment-api-${variant}.yaml`)
  apply(sim, d)
  expect(sim.runUntilTrue(() => rolledOut(sim, 'shop/api:1.0'), 120_000)).toBe(true)
  sim.traffic.send(parseTrafficSpec('api=100', parseDurationMs), 'default', sim.nowMs())
  sim.runFor(20_000)
  const v2 = structuredClone(d)
  v2.spec.template.spec.containers[0]!.image = 'shop/api:2.0'
  apply(sim, v2)
  expect(sim.runUntilTrue(() => rolledOut(sim, 'shop/api:2.0'), 300_000)).toBe(true)
  sim.runFor(30_000)
  return sim.traffic.views()[0]!
}

describe('a rolling update under steady traffic', () => {
  it('with a readiness probe and a preStop pause loses no request', () => {
    const view = rollUnderTraffic('readiness-prestop')
    expect(view.startedAtSeconds).toBeLessThan(0.2)
    expect(view.sent).toBeGreaterThan(6_000)
    expect(view.failed).toBe(0)
    expect(view.succeeded).toBe(view.sent)
    expect(view.lossWindows).toEqual([])
    expect(view.latencyMs!.p99).toBeLessThan(5)
  })

  it('with a readiness probe alone loses the requests kube-proxy still sends to a pod past SIGTERM', () => {
    const view = rollUnderTraffic('readiness')
    expect(view.failed).toBeGreaterThan(0)
    expect(view.failedBy.connectionRefused).toBe(view.failed)
    // At most a second's worth of a quarter of the traffic for each of the four old pods.
    expect(view.failed).toBeLessThanOrEqual(4 * 25)
  })

  it('without a readiness probe sends requests to pods that do not listen yet', () => {
    const withProbe = rollUnderTraffic('readiness')
    const view = rollUnderTraffic('no-readiness')
    expect(view.failedBy.connectionRefused).toBeGreaterThan(withProbe.failed * 3)
    expect(view.failedBy.noEndpoints).toBe(0)
  })

  it('with maxUnavailable 100% leaves the Service without endpoints for a while', () => {
    const view = rollUnderTraffic('max-unavailable-all')
    expect(view.failedBy.noEndpoints).toBeGreaterThan(100)
    expect(view.lossWindows.length).toBeGreaterThan(0)
    expect(view.lossWindows[0]!.toSeconds - view.lossWindows[0]!.fromSeconds).toBeGreaterThan(3)
  })
})
