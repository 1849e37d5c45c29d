import { describe, expect, it } from 'vitest'
import type { KubeEvent, Service } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import { ipToNumber } from '../../../src-main/sim/store/service/ranges'
import { fixture } from '../../helpers/fixtures'
import { newSim } from '../../helpers/sim'

function create(sim: Simulation, svc: Service): Service {
  const out = sim.store.create(svc)
  sim.settle()
  return out
}

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e.message
    throw e
  }
  throw new Error('expected the API server to refuse')
}

function service(name: string, spec: Partial<Service['spec']>): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  }
}

const inServiceRange = (ip: string): boolean =>
  ipToNumber(ip) >= ipToNumber('10.96.0.1') && ipToNumber(ip) <= ipToNumber('10.111.255.254')

describe('Service defaulting and allocation (pkg/registry/core/service)', () => {
  it('boots with the kubernetes Service at 10.96.0.1:443', () => {
    const sim = newSim()
    const svc = sim.store.get<Service>('Service', 'default', 'kubernetes')!
    expect(svc.spec).toMatchObject({
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    })
    expect(sim.store.get('Endpoints', 'default', 'kubernetes')).toMatchObject({
      subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443 }] }],
    })
  })

  it('defaults a ClusterIP Service as the API server does, with an address from the upper part of 10.96.0.0/12', () => {
    const sim = newSim()
    const svc = create(sim, fixture<Service>('services', 'service-web.yaml'))
    const ip = svc.spec.clusterIP!
    expect(inServiceRange(ip)).toBe(true)
    // The lowest 256 addresses are kept for Services that ask for one by value.
    expect(ipToNumber(ip)).toBeGreaterThanOrEqual(ipToNumber('10.96.1.1'))
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
    })
  })

  it('draws the same addresses for the same seed', () => {
    const ips = [1, 1, 2].map((seed) => {
      const sim = newSim(seed)
      return create(sim, service('a', {})).spec.clusterIP
    })
    expect(ips[0]).toBe(ips[1])
    expect(ips[2]).not.toBe(ips[0])
  })

  it('gives a headless Service no cluster IP', () => {
    const sim = newSim()
    const svc = create(sim, fixture<Service>('services', 'service-headless.yaml'))
    expect(svc.spec.clusterIP).toBe('None')
    expect(svc.spec.clusterIPs).toEqual(['None'])
    expect(svc.spec.ipFamilies).toEqual(['IPv4'])
  })

  it('honours an explicit cluster IP and refuses one already taken, in the API server words', () => {
    const sim = newSim()
    create(sim, service('a', { clusterIP: '10.96.0.50' }))
    expect(refusal(() => sim.store.create(service('b', { clusterIP: '10.96.0.50' })))).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated',
    )
    expect(refusal(() => sim.store.create(service('c', { clusterIP: '10.0.0.1' })))).toBe(
      'Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: provided IP 10.0.0.1 is not in the valid range',
    )
  })

  it('allocates a node port in 30000-32767, and honours an explicit one', () => {
    const sim = newSim()
    const drawn = create(sim, service('a', { type: 'NodePort' })).spec.ports![0]!.nodePort!
    expect(drawn).toBeGreaterThanOrEqual(30000)
    expect(drawn).toBeLessThanOrEqual(32767)
    const fixed = create(sim, fixture<Service>('services', 'service-nodeport.yaml'))
    expect(fixed.spec.ports![0]!.nodePort).toBe(30080)
    expect(fixed.spec.externalTrafficPolicy).toBe('Cluster')
  })

  it.each([
    [
      'a port outside the range',
      80,
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'a port already taken',
      30080,
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
  ])('refuses %s', (_, nodePort, detail) => {
    const sim = newSim()
    create(sim, fixture<Service>('services', 'service-nodeport.yaml'))
    const svc = service('other', { type: 'NodePort', ports: [{ port: 80, nodePort }] })
    expect(refusal(() => sim.store.create(svc))).toBe(`Service "other" is invalid: ${detail}`)
    // A dry run (what a sync checks before applying) refuses it the same way.
    expect(sim.store.dryRun(svc)?.message).toBe(`Service "other" is invalid: ${detail}`)
  })

  it('gives the addresses back when a Service is deleted', () => {
    const sim = newSim()
    create(sim, fixture<Service>('services', 'service-nodeport.yaml'))
    create(sim, service('pinned', { clusterIP: '10.96.0.60' }))
    sim.store.delete({ kind: 'Service', namespace: 'default', name: 'web-nodeport' })
    sim.store.delete({ kind: 'Service', namespace: 'default', name: 'pinned' })
    const again = create(
      sim,
      service('again', {
        type: 'NodePort',
        clusterIP: '10.96.0.60',
        ports: [{ port: 80, nodePort: 30080 }],
      }),
    )
    expect(again.spec.ports![0]!.nodePort).toBe(30080)
    expect(again.spec.clusterIP).toBe('10.96.0.60')
  })

  it('keeps the cluster IP and node ports when the manifest is applied again without them, and refuses a new cluster IP', () => {
    const sim = newSim()
    const first = create(sim, service('a', { type: 'NodePort' }))
    const manifest = service('a', { type: 'NodePort' })
    const again = sim.store.update({ ...first, spec: manifest.spec })
    expect(again).toBe(first)
    expect(
      refusal(() =>
        sim.store.update({
          ...first,
          spec: { ...first.spec, clusterIP: '10.96.0.77', clusterIPs: ['10.96.0.77'] },
        }),
      ),
    ).toBe(
      'Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.77"}: may not change once set',
    )
  })

  it('moves to NodePort and back: ports drawn, then given back', () => {
    const sim = newSim()
    const svc = create(sim, service('a', {}))
    const nodePort = sim.store.update({ ...svc, spec: { ...svc.spec, type: 'NodePort' } }).spec
      .ports![0]!.nodePort!
    expect(nodePort).toBeGreaterThanOrEqual(30000)
    const back = sim.store.get<Service>('Service', 'default', 'a')!
    const { externalTrafficPolicy: _, ...spec } = back.spec
    const clusterIP = sim.store.update<Service>({
      ...back,
      spec: { ...spec, type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
    })
    expect(clusterIP.spec.ports![0]!.nodePort).toBeUndefined()
    const reuse = create(sim, service('b', { type: 'NodePort', ports: [{ port: 80, nodePort }] }))
    expect(reuse.spec.ports![0]!.nodePort).toBe(nodePort)
  })
})

describe('LoadBalancer Services on kind with MetalLB', () => {
  function events(sim: Simulation, name: string): string[] {
    return sim.store
      .list<KubeEvent>('Event', { namespace: 'default' })
      .filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.reason}: ${e.message}`)
  }

  it('gets a node port at once and an external address from the pool a moment later', () => {
    const sim = newSim()
    const svc = create(sim, fixture<Service>('services', 'service-loadbalancer.yaml'))
    expect(svc.spec.allocateLoadBalancerNodePorts).toBe(true)
    expect(svc.spec.ports![0]!.nodePort).toBeGreaterThanOrEqual(30000)
    expect(svc.status?.loadBalancer?.ingress).toBeUndefined()
    sim.runFor(5_000)
    const live = sim.store.get<Service>('Service', 'default', 'web-lb')!
    expect(live.status?.loadBalancer?.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }])
    expect(events(sim, 'web-lb')).toEqual([
      'IPAllocated: Assigned IP ["172.18.255.200"]',
      expect.stringMatching(
        /^nodeAssigned: announcing from node "drydock-worker\d?" with protocol "layer2"$/,
      ),
    ])
  })

  it('hands out the next address, and reuses one given back', () => {
    const sim = newSim()
    create(sim, service('a', { type: 'LoadBalancer' }))
    create(sim, service('b', { type: 'LoadBalancer' }))
    sim.runFor(5_000)
    const ip = (name: string) =>
      sim.store.get<Service>('Service', 'default', name)?.status?.loadBalancer?.ingress?.[0]?.ip
    expect([ip('a'), ip('b')].sort()).toEqual(['172.18.255.200', '172.18.255.201'])
    const freed = ip('a')
    sim.store.delete({ kind: 'Service', namespace: 'default', name: 'a' })
    create(sim, service('c', { type: 'LoadBalancer' }))
    sim.runFor(5_000)
    expect(ip('c')).toBe(freed)
  })
})

describe('Service validation (ValidateService)', () => {
  it.each([
    ['no ports', service('web', { ports: [] }), 'spec.ports: Required value'],
    [
      'a port out of range',
      service('web', { ports: [{ port: 70000 }] }),
      // The target port defaults to the port, so it is out of range too.
      '[spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    ],
    [
      'two ports, one unnamed',
      service('web', { ports: [{ name: 'http', port: 80 }, { port: 443 }] }),
      'spec.ports[1].name: Required value',
    ],
    [
      'a duplicate port name',
      service('web', {
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
      }),
      'spec.ports[1].name: Duplicate value: "http"',
    ],
    [
      'an unknown protocol',
      service('web', { ports: [{ port: 80, protocol: 'HTTP' as 'TCP' }] }),
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'an unknown type',
      service('web', { type: 'Ingress' as 'ClusterIP' }),
      'spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    [
      'a node port on a ClusterIP Service',
      service('web', { ports: [{ port: 80, nodePort: 30001 }] }),
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      'the same port twice',
      service('web', {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      }),
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
    [
      'a target port name that is not one',
      service('web', { ports: [{ port: 80, targetPort: 'HTTP_PORT' }] }),
      '[spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain at least one letter (a-z)]',
    ],
    [
      'a headless NodePort Service',
      service('web', { type: 'NodePort', clusterIP: 'None' }),
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ],
  ])('refuses %s', (_, svc, detail) => {
    const sim = newSim()
    expect(refusal(() => sim.store.create(svc))).toBe(`Service "web" is invalid: ${detail}`)
  })

  it('refuses a name that is not a DNS-1035 label', () => {
    const sim = newSim()
    expect(refusal(() => sim.store.create(service('9lives', {})))).toBe(
      `Service "9lives" is invalid: metadata.name: Invalid value: "9lives": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    )
  })

  it('accepts a headless Service without ports', () => {
    const sim = newSim()
    const svc = create(sim, service('web', { clusterIP: 'None', ports: [] }))
    expect(svc.spec.clusterIP).toBe('None')
  })
})
