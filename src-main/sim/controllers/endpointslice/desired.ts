import type { Pod, Service } from '../../api/core'
import type { Endpoint, EndpointSlicePort } from '../../api/discovery'
import { findPort, shouldPodBeInEndpoints, shouldSetHostname } from '../../api/endpoint-util'
import { isPodReady } from '../../api/pod-util'

/** The endpoints that share one set of resolved ports, by pod uid. */
export interface EndpointGroup {
  readonly ports: EndpointSlicePort[]
  readonly endpoints: Map<string, Endpoint>
}

/** The zone of a node (`topology.kubernetes.io/zone`), if it has one. */
export type ZoneOf = (nodeName: string) => string | undefined

/** `podToEndpoint`: ready only when serving and not terminating, unless not-ready addresses are published. */
export function podToEndpoint(pod: Pod, svc: Service, zoneOf: ZoneOf): Endpoint {
  const serving = isPodReady(pod)
  const terminating = pod.metadata.deletionTimestamp !== undefined
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating)
  const ep: Endpoint = {
    addresses: [pod.status!.podIP!],
    conditions: { ready, serving, terminating },
  }
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname
  if (pod.spec.nodeName) {
    ep.nodeName = pod.spec.nodeName
    const zone = zoneOf(pod.spec.nodeName)
    if (zone) ep.zone = zone
  }
  ep.targetRef = {
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  }
  return ep
}

/** `getEndpointPorts`: the Service's ports this pod resolves, named as on the Service (`""` when unnamed). */
export function endpointPorts(pod: Pod, svc: Service): EndpointSlicePort[] {
  const out: EndpointSlicePort[] = []
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp)
    if (port === undefined) continue
    const ep: EndpointSlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' }
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol
    out.push(ep)
  }
  return out
}

/** The same port set however it is ordered (`NewPortMapKey`). */
export function portsKey(ports: readonly EndpointSlicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.port}/${p.protocol ?? 'TCP'}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',')
}

/**
 * The endpoints a Service should have, grouped by port set. Terminating pods
 * stay in, marked so (`ShouldPodBeInEndpoints(pod, true)`): proxies drain them.
 */
export function desiredEndpoints(
  svc: Service,
  pods: Iterable<Pod>,
  zoneOf: ZoneOf,
): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>()
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue
    const ports = endpointPorts(pod, svc)
    const k = portsKey(ports)
    let group = groups.get(k)
    if (!group) groups.set(k, (group = { ports, endpoints: new Map() }))
    group.endpoints.set(pod.metadata.uid!, podToEndpoint(pod, svc, zoneOf))
  }
  return groups
}
