import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../../src-main/sim/api/apps'
import type { Node, Pod, Service } from '../../../../src-main/sim/api/core'
import type { EndpointSlice, Endpoints } from '../../../../src-main/sim/api/discovery'
import { isPodReady } from '../../../../src-main/sim/api/pod-util'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { fixture } from '../../../helpers/fixtures'
import { deployment } from '../../../helpers/manifests'
import { apply, newSim } from '../../../helpers/sim'

function endpoints(sim: Simulation, name: string): Endpoints | undefined {
  return sim.store.get<Endpoints>('Endpoints', 'default', name)
}

function slices(sim: Simulation, name: string): EndpointSlice[] {
  return sim.store
    .list<EndpointSlice>('EndpointSlice', { namespace: 'default' })
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name)
}

/** The addresses of every subset, ready and not, as sorted IPs. */
function addresses(ep: Endpoints | undefined): { ready: string[]; notReady: string[] } {
  const subsets = ep?.subsets ?? []
  return {
    ready: subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort(),
    notReady: subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip)).sort(),
  }
}

function pods(sim: Simulation, labels: Record<string, string>): Pod[] {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v))
}

function withPorts(
  d: Deployment,
  ports: { name?: string; containerPort: number }[],
  labels: Record<string, string>,
): Deployment {
  const copy = structuredClone(d)
  copy.spec.template.spec.containers[0]!.ports = ports
  copy.spec.template.metadata!.labels = { ...copy.spec.template.metadata!.labels, ...labels }
  return copy
}

describe('the endpoints and endpointslice controllers', () => {
  it('list only ready pods as addresses, moving each from notReadyAddresses as its readiness probe passes', () => {
    const sim = newSim()
    apply(sim, fixture<Deployment>('services', 'deployment-web-readiness.yaml'))
    apply(sim, fixture<Service>('services', 'service-web.yaml'))
    const readyCounts: number[] = []
    const done = sim.runUntilTrue(() => {
      const expected = { ready: [] as string[], notReady: [] as string[] }
      for (const pod of pods(sim, { app: 'web' })) {
        const ip = pod.status?.podIP
        if (!ip || pod.metadata.deletionTimestamp) continue
        ;(isPodReady(pod) ? expected.ready : expected.notReady).push(ip)
      }
      expected.ready.sort()
      expected.notReady.sort()
      // At every step, Endpoints say exactly what the pods say.
      expect(addresses(endpoints(sim, 'web'))).toEqual(expected)
      const sliced = slices(sim, 'web').flatMap((s) => s.endpoints)
      expect(
        sliced
          .filter((e) => e.conditions.ready)
          .flatMap((e) => e.addresses)
          .sort(),
      ).toEqual(expected.ready)
      if (readyCounts.at(-1) !== expected.ready.length) readyCounts.push(expected.ready.length)
      return expected.ready.length === 3
    }, 120_000)
    expect(done).toBe(true)
    // One by one: never fewer than before, and some step in between had ready and unready pods.
    expect(readyCounts).toEqual([...readyCounts].sort())
    expect(readyCounts.some((n) => n > 0 && n < 3)).toBe(true)
    expect(endpoints(sim, 'web')!.subsets![0]!.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP' },
    ])
  })

  it('drop a pod being deleted from the Endpoints at once, and mark it terminating in its slice', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 2 }))
    apply(sim, fixture<Service>('services', 'service-web.yaml'))
    sim.runUntilTrue(() => addresses(endpoints(sim, 'web')).ready.length === 2, 60_000)
    // The fixture's named target port needs a port named http: without one, no address at all.
    expect(endpoints(sim, 'web')?.subsets).toBeUndefined()
    const svc = sim.store.get<Service>('Service', 'default', 'web')!
    sim.store.update({
      ...svc,
      spec: { ...svc.spec, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
    })
    sim.runUntilTrue(() => addresses(endpoints(sim, 'web')).ready.length === 2, 60_000)

    const victim = pods(sim, { app: 'web' })[0]!
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: victim.metadata.name })
    sim.settle()
    const { ready, notReady } = addresses(endpoints(sim, 'web'))
    expect([...ready, ...notReady]).not.toContain(victim.status!.podIP)
    const entry = slices(sim, 'web')
      .flatMap((s) => s.endpoints)
      .find((e) => e.targetRef?.name === victim.metadata.name)
    expect(entry?.conditions).toMatchObject({ ready: false, terminating: true })
    sim.runUntilTrue(() => !sim.store.get('Pod', 'default', victim.metadata.name), 60_000)
    expect(
      slices(sim, 'web')
        .flatMap((s) => s.endpoints)
        .map((e) => e.targetRef?.name),
    ).not.toContain(victim.metadata.name)
  })

  it('resolve a named targetPort pod by pod, and leave out pods without that port', () => {
    const sim = newSim()
    apply(
      sim,
      withPorts(deployment('a', { replicas: 1 }), [{ name: 'http', containerPort: 80 }], {
        tier: 'web',
      }),
    )
    apply(
      sim,
      withPorts(deployment('b', { replicas: 1 }), [{ name: 'http', containerPort: 8080 }], {
        tier: 'web',
      }),
    )
    apply(
      sim,
      withPorts(deployment('c', { replicas: 1 }), [{ name: 'metrics', containerPort: 9090 }], {
        tier: 'web',
      }),
    )
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { tier: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    } as Service)
    sim.runUntilTrue(() => addresses(endpoints(sim, 'web')).ready.length === 2, 60_000)
    const ipOf = (app: string): string => pods(sim, { app })[0]!.status!.podIP!
    const byPort = Object.fromEntries(
      endpoints(sim, 'web')!.subsets!.map((s) => [
        s.ports![0]!.port,
        s.addresses!.map((a) => a.ip),
      ]),
    )
    expect(byPort).toEqual({ 80: [ipOf('a')], 8080: [ipOf('b')] })
    // Slices group endpoints by the ports they resolve; the pod without the port has a slice of no ports.
    const ports = slices(sim, 'web')
      .map(
        (s) =>
          `${(s.ports ?? []).map((p) => p.port).join(',')}:${s.endpoints.map((e) => e.addresses[0]).join(',')}`,
      )
      .sort()
    expect(ports).toEqual([`80:${ipOf('a')}`, `8080:${ipOf('b')}`, `:${ipOf('c')}`].sort())
  })

  it('give a headless Service endpoints but no cluster IP', () => {
    const sim = newSim()
    const db = structuredClone(deployment('db', { replicas: 2 }))
    apply(sim, db)
    apply(sim, fixture<Service>('services', 'service-headless.yaml'))
    sim.runUntilTrue(() => addresses(endpoints(sim, 'db')).ready.length === 2, 60_000)
    expect(sim.store.get<Service>('Service', 'default', 'db')!.spec.clusterIP).toBe('None')
    const ep = endpoints(sim, 'db')!
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' })
    expect(ep.subsets![0]!.ports).toEqual([{ port: 5432, protocol: 'TCP' }])
    expect(slices(sim, 'db')[0]!.metadata.labels).toEqual({
      'service.kubernetes.io/headless': '',
      'kubernetes.io/service-name': 'db',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    })
  })

  it('publish not-ready pods as addresses when the Service asks for it', () => {
    const sim = newSim()
    const d = fixture<Deployment>('services', 'deployment-web-readiness.yaml')
    d.spec.template.spec.containers[0]!.readinessProbe!.httpGet!.path = '/never-ready'
    apply(sim, d)
    const svc = fixture<Service>('services', 'service-web.yaml')
    svc.spec.publishNotReadyAddresses = true
    apply(sim, svc)
    sim.runFor(60_000)
    expect(pods(sim, { app: 'web' }).some(isPodReady)).toBe(false)
    const { ready, notReady } = addresses(endpoints(sim, 'web'))
    expect([ready.length, notReady.length]).toEqual([3, 0])
    for (const e of slices(sim, 'web').flatMap((s) => s.endpoints))
      expect(e.conditions).toEqual({ ready: true, serving: false, terminating: false })
  })

  it('name slices after the Service, keep at most 100 endpoints in each, and remove them with the Service', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 120 }))
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default', labels: { team: 'blue' } },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    } as Service)
    sim.runUntilTrue(() => addresses(endpoints(sim, 'web')).ready.length === 120, 120_000)
    const all = slices(sim, 'web')
    // How the 120 split depends on the order they became endpoints; none holds more than 100.
    const sizes = all.map((s) => s.endpoints.length)
    expect(sizes).toHaveLength(2)
    expect(sizes.reduce((a, b) => a + b)).toBe(120)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100)
    for (const s of all) {
      expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(s.metadata.labels).toEqual({
        team: 'blue',
        'kubernetes.io/service-name': 'web',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      })
      expect(s.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'Service',
        name: 'web',
        controller: true,
      })
    }
    // Each endpoint carries its node's zone, when the node has one.
    for (const e of all.flatMap((s) => s.endpoints)) {
      const node = sim.store.get<Node>('Node', undefined, e.nodeName!)!
      expect(e.zone).toBe(node.metadata.labels?.['topology.kubernetes.io/zone'])
    }
    expect(endpoints(sim, 'web')!.metadata.labels).toEqual({ team: 'blue' })
    sim.store.delete({ kind: 'Service', namespace: 'default', name: 'web' })
    sim.settle()
    expect(endpoints(sim, 'web')).toBeUndefined()
    expect(slices(sim, 'web')).toEqual([])
  })

  it('leave a Service without a selector to Endpoints written by hand', () => {
    const sim = newSim()
    apply(sim, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'external-db', namespace: 'default' },
      spec: { ports: [{ port: 5432 }] },
    } as Service)
    sim.store.create<Endpoints>({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'external-db', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 5432 }] }],
    })
    sim.runFor(10_000)
    expect(addresses(endpoints(sim, 'external-db')).ready).toEqual(['192.168.1.10'])
    expect(slices(sim, 'external-db')).toEqual([])
  })
})
