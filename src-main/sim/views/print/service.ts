import type { KubeObject } from '../../api/meta'
import { formatLabels } from '../format'
import { AGE, NAME, age, printer } from './printer'

export interface ServiceShape extends KubeObject {
  spec: {
    type?: string
    clusterIP?: string
    clusterIPs?: string[]
    externalIPs?: string[]
    externalName?: string
    selector?: Record<string, string>
    ports?: { name?: string; port: number; protocol?: string; nodePort?: number }[]
  }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

/** `loadBalancerStatusStringer` with `wide`: distinct IPs or hostnames, sorted. */
export function loadBalancerAddresses(
  ingress: readonly { ip?: string; hostname?: string }[] | undefined,
): string {
  const set = new Set<string>()
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip)
    else if (i.hostname) set.add(i.hostname)
  }
  return [...set].sort().join(',')
}

/** EXTERNAL-IP: `<none>`, or for a LoadBalancer its addresses or `<pending>`. */
function externalIP(svc: ServiceShape): string {
  const external = svc.spec.externalIPs ?? []
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>'
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(svc.status?.loadBalancer?.ingress)
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return svc.spec.externalName ?? ''
    default:
      return '<unknown>'
  }
}

/** PORT(S): `80/TCP`, `80:30080/TCP`. */
export function servicePorts(svc: ServiceShape): string {
  return (svc.spec.ports ?? [])
    .map((p) =>
      p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`,
    )
    .join(',')
}

/** `printService`. */
export const servicePrinter = printer<ServiceShape>(
  [
    NAME,
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    AGE,
    { name: 'Selector', priority: 1 },
  ],
  (svc, ctx) => [
    svc.metadata.name,
    svc.spec.type ?? '',
    svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>',
    externalIP(svc),
    servicePorts(svc) || '<none>',
    age(svc, ctx),
    formatLabels(svc.spec.selector),
  ],
)
