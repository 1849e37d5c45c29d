import { describe, expect, it } from 'vitest'
import type { KubeEvent, Service } from '../../../../src-main/sim/api/core'
import type { Ingress, IngressClass } from '../../../../src-main/sim/api/networking'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { ApiError } from '../../../../src-main/sim/store/errors'
import { matchIngress } from '../../../../src-main/sim/traffic/ingress-routes'
import { resolveIngress, storeLookup } from '../../../../src-main/sim/traffic/service-backends'
import { fixture } from '../../../helpers/fixtures'
import { deployment } from '../../../helpers/manifests'
import { apply, newSim } from '../../../helpers/sim'

const shop = (): Ingress => fixture<Ingress>('ingress', 'ingress-shop.yaml')
const address = (sim: Simulation, name = 'shop') =>
  sim.store.get<Ingress>('Ingress', 'default', name)?.status?.loadBalancer?.ingress

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e.message
    throw e
  }
  return 'accepted'
}

describe('an Ingress on kind', () => {
  it('stays without an address while no IngressClass serves it, as on a fresh kind cluster', () => {
    const sim = newSim()
    apply(sim, shop())
    sim.runFor(120_000)
    expect(address(sim)).toBeUndefined()
  })

  it("gets ingress-nginx's address once the nginx IngressClass exists", () => {
    const sim = newSim()
    apply(sim, shop())
    apply(sim, fixture<IngressClass>('ingress', 'ingressclass-nginx.yaml'))
    sim.runFor(5_000)
    expect(address(sim)).toEqual([{ hostname: 'localhost' }])
    const sync = sim.store
      .list<KubeEvent>('Event', { namespace: 'default' })
      .find((e) => e.reason === 'Sync')!
    expect([sync.message, sync.source.component]).toEqual([
      'Scheduled for sync',
      'nginx-ingress-controller',
    ])
  })

  it('is given the default IngressClass when it names none', () => {
    const sim = newSim()
    const ic = fixture<IngressClass>('ingress', 'ingressclass-nginx.yaml')
    ic.metadata.annotations = { 'ingressclass.kubernetes.io/is-default-class': 'true' }
    apply(sim, ic)
    const ing = shop()
    delete ing.spec.ingressClassName
    apply(sim, ing)
    expect(sim.store.get<Ingress>('Ingress', 'default', 'shop')!.spec.ingressClassName).toBe(
      'nginx',
    )
    sim.runFor(5_000)
    expect(address(sim)).toEqual([{ hostname: 'localhost' }])
  })

  it.each<[string, (ing: Ingress) => void, string]>([
    [
      'a path without pathType',
      (ing) => delete ing.spec.rules![0]!.http!.paths[0]!.pathType,
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    ],
    [
      'an unknown pathType',
      (ing) => (ing.spec.rules![0]!.http!.paths[0]!.pathType = 'Regex' as 'Prefix'),
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    ],
    [
      'a relative Prefix path',
      (ing) => (ing.spec.rules![0]!.http!.paths[0]!.path = 'api'),
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
    ],
    [
      'a backend without a port',
      (ing) => (ing.spec.rules![0]!.http!.paths[0]!.backend.service!.port = {}),
      'spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    ],
    [
      'a backend with both port name and number',
      (ing) =>
        (ing.spec.rules![0]!.http!.paths[0]!.backend.service!.port = { name: 'http', number: 80 }),
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
    ],
    [
      'a backend without a service name',
      (ing) => (ing.spec.rules![0]!.http!.paths[0]!.backend.service!.name = ''),
      'spec.rules[0].http.paths[0].backend.service.name: Required value',
    ],
    [
      'an IP address as host',
      (ing) => (ing.spec.rules![0]!.host = '10.0.0.1'),
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ],
    [
      'neither rules nor a default backend',
      (ing) => {
        delete ing.spec.rules
        delete ing.spec.defaultBackend
      },
      'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    ],
  ])('refuses %s', (_, change, detail) => {
    const sim = newSim()
    const ing = shop()
    change(ing)
    expect(refusal(() => sim.store.create(ing))).toBe(
      `Ingress.networking.k8s.io "shop" is invalid: ${detail}`,
    )
  })
})

describe('Ingress routing (matchIngress)', () => {
  it.each([
    ['shop.example.com', '/', 'web'],
    ['shop.example.com', '/cart/items', 'web'],
    ['shop.example.com', '/api', 'api'],
    ['shop.example.com', '/api/', 'api'],
    ['shop.example.com', '/api/orders', 'api'],
    ['shop.example.com', '/apix', 'web'],
    ['shop.example.com', '/api/health', 'health'],
    ['shop.example.com', '/api/health/deep', 'api'],
    ['SHOP.example.com:8080', '/api', 'api'],
    ['blog.example.com', '/posts', 'wildcard'],
    ['a.blog.example.com', '/', 'fallback'],
    ['example.com', '/static/app.js', 'static'],
    ['other.org', '/staticfiles', 'static'],
    ['other.org', '/', 'fallback'],
  ])('%s%s → %s', (host, path, service) => {
    expect(matchIngress(shop(), { host, path })?.backend.service?.name).toBe(service)
  })

  it('answers nothing without a matching rule or a default backend', () => {
    const ing = shop()
    delete ing.spec.defaultBackend
    expect(matchIngress(ing, { host: 'other.org', path: '/' })).toBeUndefined()
  })

  it('resolves a request to the ready endpoints behind the Service port', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 2 }))
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
    } as Service)
    apply(sim, shop())
    sim.runFor(60_000)
    const lookup = storeLookup(sim.store)
    const live = sim.store.get<Ingress>('Ingress', 'default', 'shop')!
    const resolved = resolveIngress(lookup, live, { host: 'shop.example.com', path: '/' })!
    if ('error' in resolved.backend) throw new Error(resolved.backend.error)
    const podIPs = sim.store
      .list('Pod', { namespace: 'default' })
      .map((p) => (p.status as { podIP?: string }).podIP)
      .sort()
    expect(resolved.backend.endpoints.map((e) => e.ip).sort()).toEqual(podIPs)
    expect(resolved.backend.endpoints.every((e) => e.ready && e.port === 80)).toBe(true)
    const missing = resolveIngress(lookup, live, { host: 'shop.example.com', path: '/api' })!
    expect(missing.backend).toEqual({ error: 'service "default/api" not found' })
  })
})
