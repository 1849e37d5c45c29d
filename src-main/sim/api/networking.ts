import type { KubeObject } from './meta'

/** Ingress and IngressClass (`networking.k8s.io/v1`). */

export const ANNOTATION_DEFAULT_INGRESS_CLASS = 'ingressclass.kubernetes.io/is-default-class'
/** The annotation that named a class before `ingressClassName` existed; controllers still read it. */
export const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class'

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific'

export interface ServiceBackendPort {
  name?: string
  number?: number
}

export interface IngressBackend {
  service?: { name: string; port: ServiceBackendPort }
  resource?: { apiGroup?: string; kind: string; name: string }
}

export interface HTTPIngressPath {
  path?: string
  pathType?: PathType
  backend: IngressBackend
}

export interface IngressRule {
  host?: string
  http?: { paths: HTTPIngressPath[] }
}

export interface IngressSpec {
  ingressClassName?: string
  defaultBackend?: IngressBackend
  rules?: IngressRule[]
  tls?: { hosts?: string[]; secretName?: string }[]
}

export interface IngressLoadBalancerIngress {
  ip?: string
  hostname?: string
  ports?: { port: number; protocol: string; error?: string }[]
}

export interface Ingress extends KubeObject {
  kind: 'Ingress'
  spec: IngressSpec
  status?: { loadBalancer?: { ingress?: IngressLoadBalancerIngress[] } }
}

export interface IngressClass extends KubeObject {
  kind: 'IngressClass'
  spec: {
    controller?: string
    parameters?: {
      apiGroup?: string
      kind: string
      name: string
      scope?: 'Cluster' | 'Namespace'
      namespace?: string
    }
  }
}
