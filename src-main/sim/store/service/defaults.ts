import type { Service, ServiceSpec } from '../../api/core'
import type { KubeObject } from '../../api/meta'

/** `DefaultClientIPServiceAffinitySeconds`: three hours. */
const CLIENT_IP_AFFINITY_SECONDS = 10_800

/** `service.ExternallyAccessible`: reachable from outside the cluster. */
export function externallyAccessible(spec: ServiceSpec): boolean {
  return (
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0)
  )
}

/**
 * `SetDefaults_Service` (`pkg/apis/core/v1/defaults.go`). The cluster IPs and IP
 * families are not defaults: the registry fills them when it allocates.
 */
export function defaultService(obj: KubeObject): void {
  const spec = (obj as Service).spec
  if (!spec || typeof spec !== 'object') return
  spec.sessionAffinity ||= 'None'
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined
  )
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: CLIENT_IP_AFFINITY_SECONDS } }
  spec.type ||= 'ClusterIP'
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!port || typeof port !== 'object') continue
    port.protocol ||= 'TCP'
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= 'Cluster'
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster'
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
}
