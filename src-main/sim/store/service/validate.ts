import type { Service, ServicePort, ServiceSpec } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import {
  duplicate,
  forbidden,
  go,
  goStrings,
  invalid,
  invalidEach,
  isDns1123Label,
  isDns1123Subdomain,
  isValidPortName,
  isValidPortNum,
  notSupported,
  required,
} from '../field-checks'
import type { FieldError } from '../validate'
import { externallyAccessible } from './defaults'
import { isIPv4, isIPv6 } from './ranges'

/** `ValidateService` and `ValidateServiceUpdate` (`pkg/apis/core/validation`), in their order. */

const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const AFFINITIES = ['ClientIP', 'None']
const TRAFFIC_POLICIES = ['Cluster', 'Local']
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack']

export const isHeadless = (spec: ServiceSpec): boolean =>
  spec.clusterIP === 'None' || spec.clusterIPs?.[0] === 'None'

/** `%#v` of `intstr.IntOrString`, as a duplicate-port error prints its zero value. */
const ZERO_TARGET_PORT = 'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}'

function portErrors(
  port: ServicePort,
  at: string,
  requireName: boolean,
  names: Set<string>,
): FieldError[] {
  const errors: FieldError[] = []
  const name = port.name ?? ''
  if (requireName && name === '') errors.push(required(`${at}.name`))
  else if (name !== '') {
    errors.push(...invalidEach(`${at}.name`, name, isDns1123Label(name)))
    if (names.has(name)) errors.push(duplicate(`${at}.name`, name))
    else names.add(name)
  }
  errors.push(...invalidEach(`${at}.port`, port.port, isValidPortNum(port.port)))
  if (!port.protocol) errors.push(required(`${at}.protocol`))
  else if (!PROTOCOLS.includes(port.protocol))
    errors.push(notSupported(`${at}.protocol`, port.protocol, PROTOCOLS))
  const target = port.targetPort
  if (typeof target === 'number')
    errors.push(...invalidEach(`${at}.targetPort`, target, isValidPortNum(target)))
  else if (typeof target === 'string')
    errors.push(...invalidEach(`${at}.targetPort`, target, isValidPortName(target)))
  return errors
}

/** `ValidateServiceClusterIPsRelatedFields`, the parts a single-stack IPv4 cluster meets. */
export function clusterIPErrors(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = []
  const ips = spec.clusterIPs ?? []
  if (spec.clusterIP && ips.length > 0 && spec.clusterIP !== ips[0])
    errors.push(invalid('spec.clusterIPs', goStrings(ips), 'first value must match `clusterIP`'))
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1)
        errors.push(
          invalid('spec.clusterIPs', goStrings(ips), "'None' must be the first and only value"),
        )
      return
    }
    if (!isIPv4(ip) && !isIPv6(ip))
      errors.push(
        invalid(
          `spec.clusterIPs[${i}]`,
          ip,
          'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        ),
      )
  })
  if (spec.ipFamilyPolicy !== undefined && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy))
    errors.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES))
  return errors
}

function typeErrors(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = []
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && isHeadless(spec))
    errors.push(
      invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`),
    )
  if (spec.type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length > 0)
      errors.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'))
    if ((spec.ipFamilies ?? []).length > 0)
      errors.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'))
    if (spec.ipFamilyPolicy !== undefined)
      errors.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'))
    const cname = (spec.externalName ?? '').replace(/\.$/, '')
    if (cname === '') errors.push(required('spec.externalName'))
    else errors.push(...invalidEach('spec.externalName', cname, isDns1123Subdomain(cname)))
  }
  return errors
}

function duplicateErrors(ports: ServicePort[]): FieldError[] {
  const errors: FieldError[] = []
  const nodePorts = new Set<string>()
  ports.forEach((p, i) => {
    if (!p.nodePort) return
    const k = `${p.protocol}/${p.nodePort}`
    if (nodePorts.has(k)) errors.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort))
    nodePorts.add(k)
  })
  const seen = new Set<string>()
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`
    // Go prints the key struct: only protocol and port are set in it.
    if (seen.has(k))
      errors.push(
        duplicate(
          `spec.ports[${i}]`,
          go(
            `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:${ZERO_TARGET_PORT}, NodePort:0}`,
          ),
        ),
      )
    seen.add(k)
  })
  return errors
}

function trafficPolicyErrors(spec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = []
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy)
      errors.push(
        invalid(
          'spec.externalTrafficPolicy',
          spec.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      )
  } else if (!spec.externalTrafficPolicy) errors.push(required('spec.externalTrafficPolicy'))
  else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy))
    errors.push(
      notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES),
    )
  if (spec.internalTrafficPolicy === undefined && spec.type !== 'ExternalName')
    errors.push(required('spec.internalTrafficPolicy'))
  else if (
    spec.internalTrafficPolicy !== undefined &&
    !TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)
  )
    errors.push(
      notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES),
    )
  return errors
}

export function validateService(obj: KubeObject): FieldError[] {
  const spec = (obj as Service).spec
  if (!spec || typeof spec !== 'object') return [required('spec')]
  const ports = Array.isArray(spec.ports) ? spec.ports : []
  const errors: FieldError[] = []
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName')
    errors.push(required('spec.ports'))
  errors.push(...typeErrors(spec))
  const names = new Set<string>()
  ports.forEach((p, i) =>
    errors.push(
      ...portErrors(p ?? ({} as ServicePort), `spec.ports[${i}]`, ports.length > 1, names),
    ),
  )
  if (!spec.sessionAffinity) errors.push(required('spec.sessionAffinity'))
  else if (!AFFINITIES.includes(spec.sessionAffinity))
    errors.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES))
  errors.push(...clusterIPErrors(spec))
  if (!spec.type) errors.push(required('spec.type'))
  else if (!TYPES.includes(spec.type)) errors.push(notSupported('spec.type', spec.type, TYPES))
  if (spec.type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (p?.nodePort)
        errors.push(
          forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"),
        )
    })
  errors.push(...duplicateErrors(ports))
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer')
    errors.push(
      forbidden(
        'spec.allocateLoadBalancerNodePorts',
        "may only be used when `type` is 'LoadBalancer'",
      ),
    )
  errors.push(...trafficPolicyErrors(spec))
  return errors
}

/** `validateUpgradeDowngradeClusterIPs`: a cluster IP, once set, stays. */
export function validateServiceUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = (obj as Service).spec
  const prev = (old as Service).spec
  if (!spec || spec.type === 'ExternalName' || prev.type === 'ExternalName') return []
  if (isHeadless(spec) && isHeadless(prev)) return []
  const next = spec.clusterIPs ?? []
  const errors: FieldError[] = []
  ;(prev.clusterIPs ?? []).forEach((ip, i) => {
    if (i < next.length && next[i] !== ip)
      errors.push(invalid(`spec.clusterIPs[${i}]`, goStrings(next), 'may not change once set'))
  })
  return errors
}
