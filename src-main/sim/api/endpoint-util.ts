import type { Pod, Service, ServicePort } from './core'
import { isPodTerminal } from './pod-util'

/** Helpers the endpoints and endpointslice controllers share (`k8s.io/endpointslice/util`). */

/** `ShouldPodBeInEndpoints`: finished pods and pods without an IP are never endpoints. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false
  if (!pod.status?.podIP) return false
  return includeTerminating || pod.metadata.deletionTimestamp === undefined
}

/**
 * `FindPort`: a number is taken as it is; a name is looked up among the
 * containers' (and sidecars') ports of the same protocol. Undefined when the pod
 * has no such port.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port
  if (typeof target === 'number') return target
  if (/^\d+$/.test(target)) return Number(target)
  const protocol = port.protocol ?? 'TCP'
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')
  for (const c of [...pod.spec.containers, ...sidecars]) {
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort
  }
  return undefined
}

/** `ShouldSetHostname`: a pod names itself in a headless Service's DNS when its subdomain is that Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return (
    Boolean(pod.spec.hostname) &&
    pod.spec.subdomain === svc.metadata.name &&
    svc.metadata.namespace === pod.metadata.namespace
  )
}

/** `IsServiceIPSet`: headless Services and ExternalName ones have none. */
export function isServiceIPSet(svc: Service): boolean {
  return Boolean(svc.spec.clusterIP) && svc.spec.clusterIP !== 'None'
}
