import type { Service, ServicePort } from '../api/core'
import type { EndpointSlice } from '../api/discovery'
import type { Ingress, IngressBackend } from '../api/networking'
import type { ObjectStore } from '../store/store'
import { matchIngress, type IngressMatch, type IngressRequest } from './ingress-routes'

/** What backend resolution reads: kept to an interface so that it stays pure and testable. */
export interface BackendLookup {
  service(namespace: string, name: string): Service | undefined
  endpointSlices(service: Service): Iterable<EndpointSlice>
}

/** The store as a lookup: a Service's slices through the owner index, not a scan. */
export function storeLookup(store: ObjectStore): BackendLookup {
  return {
    service: (namespace, name) => store.get<Service>('Service', namespace, name),
    endpointSlices: (svc) => store.dependents<EndpointSlice>(svc.metadata.uid!, 'EndpointSlice'),
  }
}

export interface BackendEndpoint {
  readonly ip: string
  /** The port on the pod: the Service port's target, as the slices resolved it. */
  readonly port: number
  readonly ready: boolean
  readonly serving: boolean
  readonly terminating: boolean
  readonly podName?: string
  readonly nodeName?: string
}

export type ResolvedBackend =
  | {
      readonly service: Service
      readonly servicePort: ServicePort
      readonly endpoints: readonly BackendEndpoint[]
    }
  | { readonly error: string }

/** A Service port named by an Ingress backend: by number or by name. */
function servicePortOf(
  svc: Service,
  port: { name?: string; number?: number },
): ServicePort | undefined {
  return (svc.spec.ports ?? []).find((p) =>
    port.name ? p.name === port.name : p.port === port.number,
  )
}

/**
 * The endpoints behind one port of a Service, as proxies read them from its
 * EndpointSlices: each endpoint with the port its slice gives for that Service
 * port's name, and its conditions (callers choose: ready ones take traffic,
 * serving terminating ones drain).
 */
export function serviceEndpoints(
  lookup: BackendLookup,
  svc: Service,
  port: ServicePort,
): BackendEndpoint[] {
  const out: BackendEndpoint[] = []
  for (const slice of lookup.endpointSlices(svc)) {
    const slicePort = (slice.ports ?? []).find(
      (p) =>
        (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
    )
    if (slicePort?.port === undefined) continue
    for (const ep of slice.endpoints) {
      for (const ip of ep.addresses)
        out.push({
          ip,
          port: slicePort.port,
          ready: ep.conditions.ready !== false,
          serving: ep.conditions.serving ?? ep.conditions.ready !== false,
          terminating: ep.conditions.terminating === true,
          podName: ep.targetRef?.name,
          nodeName: ep.nodeName,
        })
    }
  }
  return out
}

export function resolveBackend(
  lookup: BackendLookup,
  namespace: string,
  backend: IngressBackend,
): ResolvedBackend {
  if (!backend.service) return { error: 'resource backends are not served' }
  const { name, port } = backend.service
  const svc = lookup.service(namespace, name)
  if (!svc) return { error: `service "${namespace}/${name}" not found` }
  const servicePort = servicePortOf(svc, port)
  if (!servicePort)
    return {
      error: `service "${namespace}/${name}" does not have port ${port.name ?? port.number}`,
    }
  return { service: svc, servicePort, endpoints: serviceEndpoints(lookup, svc, servicePort) }
}

/** A request through an Ingress: the rule that takes it and the endpoints behind its backend. */
export function resolveIngress(
  lookup: BackendLookup,
  ingress: Ingress,
  request: IngressRequest,
): { match: IngressMatch; backend: ResolvedBackend } | undefined {
  const match = matchIngress(ingress, request)
  if (!match) return undefined
  return {
    match,
    backend: resolveBackend(lookup, ingress.metadata.namespace ?? 'default', match.backend),
  }
}
