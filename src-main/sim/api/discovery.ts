import type { KubeObject } from './meta'

/**
 * Where a Service's traffic may go: the `discovery.k8s.io/v1` EndpointSlices the
 * endpointslice controller writes, and the older core/v1 Endpoints the endpoints
 * controller still keeps beside them.
 */

/** `kubernetes.io/service-name`: the Service a slice belongs to. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name'
/** `endpointslice.kubernetes.io/managed-by`: which controller owns a slice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io'
/** Set on the Endpoints and slices of a headless Service. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless'

export interface PodReference {
  kind: 'Pod'
  namespace?: string
  name: string
  uid?: string
}

export interface EndpointAddress {
  ip: string
  hostname?: string
  nodeName?: string
  targetRef?: PodReference
}

export interface EndpointPort {
  name?: string
  port: number
  protocol?: 'TCP' | 'UDP' | 'SCTP'
  appProtocol?: string
}

export interface EndpointSubset {
  addresses?: EndpointAddress[]
  notReadyAddresses?: EndpointAddress[]
  ports?: EndpointPort[]
}

export interface Endpoints extends KubeObject {
  kind: 'Endpoints'
  subsets?: EndpointSubset[]
}

export interface EndpointConditions {
  ready?: boolean
  serving?: boolean
  terminating?: boolean
}

export interface Endpoint {
  addresses: string[]
  conditions: EndpointConditions
  hostname?: string
  nodeName?: string
  zone?: string
  targetRef?: PodReference
}

export interface EndpointSlicePort {
  name?: string
  port?: number
  protocol?: 'TCP' | 'UDP' | 'SCTP'
  appProtocol?: string
}

export interface EndpointSlice extends KubeObject {
  kind: 'EndpointSlice'
  addressType: 'IPv4' | 'IPv6' | 'FQDN'
  endpoints: Endpoint[]
  ports?: EndpointSlicePort[]
}
