import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import {
  MIN_SYNC_PERIOD_MS,
  PROGRAMMING_LATENCY_MS,
  ProxyRules,
  usableEndpoints,
} from '../../../src-main/sim/traffic/proxy-rules'
import type { BackendEndpoint } from '../../../src-main/sim/traffic/service-backends'
import { fixture } from '../../helpers/fixtures'
import { deployment } from '../../helpers/manifests'
import { apply, newSim } from '../../helpers/sim'

const ep = (name: string, node: string, state: 'ready' | 'draining' | 'dead'): BackendEndpoint => ({
  ip: `10.244.0.${name.length}`,
  port: 80,
  podName: name,
  nodeName: node,
  ready: state === 'ready',
  serving: state !== 'dead',
  terminating: state !== 'ready',
})

describe('usableEndpoints: where kube-proxy sends a new connection', () => {
  const a = ep('a', 'n1', 'ready')
  const b = ep('bb', 'n2', 'ready')
  const c = ep('ccc', 'n1', 'draining')
  const d = ep('dddd', 'n2', 'dead')
  it.each([
    ['ready endpoints only, while there are any', [a, b, c, d], undefined, [a, b]],
    ['serving terminating ones when none is ready (KEP-1669)', [c, d], undefined, [c]],
    ['nothing when every endpoint is gone', [d], undefined, []],
    ['with the Local policy, the node’s own', [a, b, c], 'n2', [b]],
    ['with the Local policy, the node’s draining ones as a last resort', [b, c], 'n1', [c]],
  ])('%s', (_, all, node, want) => {
    expect(usableEndpoints(all, node)).toEqual(want)
  })
})

describe('ProxyRules: kube-proxy’s sync runner', () => {
  it('programs a change after the latency, then at most one sync a second past a burst of two', () => {
    const sim = newSim()
    apply(sim, fixture<KubeObject>('services', 'service-web.yaml'))
    const rules = new ProxyRules(sim.store, sim.clock)
    expect(rules.service('default', 'web')!.endpoints.get('http')).toEqual([])
    expect(rules.service('default', 'nope')).toBeUndefined()
    expect(rules.nextSyncMs()).toBeUndefined()

    const t0 = sim.nowMs()
    const d = deployment('web', { replicas: 1 })
    d.spec.template.spec.containers[0]!.ports = [{ name: 'http', containerPort: 80 }]
    apply(sim, d)
    sim.runFor(20_000)
    // Changed since t0; the sync is due a latency after the first change, and not run yet.
    const first = rules.nextSyncMs()!
    expect(first).toBeGreaterThanOrEqual(t0 + PROGRAMMING_LATENCY_MS)
    expect(rules.service('default', 'web')!.endpoints.get('http')).toEqual([])
    rules.sync(first)
    expect(
      rules
        .service('default', 'web')!
        .endpoints.get('http')!
        .map((e) => e.ready),
    ).toEqual([true])

    // Two quick syncs spend the burst; the third waits for a token.
    let touches = 0
    const touch = () => {
      const svc = sim.store.get('Service', 'default', 'web')!
      const labels = { touched: String(++touches) }
      sim.store.update({ ...svc, metadata: { ...svc.metadata, labels } })
    }
    const due = sim.nowMs() + PROGRAMMING_LATENCY_MS
    for (let i = 0; i < 2; i++) {
      touch()
      expect(rules.nextSyncMs()).toBe(due)
      rules.sync(due)
      expect(rules.nextSyncMs()).toBeUndefined()
    }
    touch()
    expect(rules.nextSyncMs()).toBe(due + MIN_SYNC_PERIOD_MS)
  })
})
