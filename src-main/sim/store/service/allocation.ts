import type { Service, ServicePort, ServiceSpec } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import type { Prng } from '../../kernel/prng'
import type { Admission } from '../admission'
import { goStrings, invalid } from '../field-checks'
import { keyOfObject } from '../keys'
import type { ObjectStore } from '../store'
import type { FieldError } from '../validate'
import { cidrRange, isIPv6, pickFree, portRange, type Range } from './ranges'
import { clusterIPErrors, isHeadless } from './validate'

/** kind's (and kubeadm's) `--service-cluster-ip-range`. */
export const SERVICE_CIDR = '10.96.0.0/12'
/** `--service-node-port-range`. */
export const NODE_PORT_RANGE = { first: 30000, last: 32767 }

const needsClusterIP = (spec: ServiceSpec): boolean => spec.type !== 'ExternalName'
const needsNodePorts = (spec: ServiceSpec): boolean =>
  spec.type === 'NodePort' || spec.type === 'LoadBalancer'
const needsHealthCheck = (spec: ServiceSpec): boolean =>
  spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local'
const shouldAllocateNodePorts = (spec: ServiceSpec): boolean =>
  spec.type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false

/** What one create or update takes, so that two ports of one Service cannot get the same value. */
interface Operation {
  readonly key: string
  readonly dryRun: boolean
  readonly ports: Set<number>
}

/**
 * The Service registry's allocators (`pkg/registry/core/service/storage/alloc.go`):
 * a cluster IP from the service CIDR, node ports from the node-port range, IP
 * families. What is taken is read from the Services the store holds, so a
 * Service that goes (or changes type) gives its addresses back with nothing
 * more to do, and a refused write never leaks one.
 */
export class ServiceAllocator implements Admission {
  private readonly ips: Range<string> = cidrRange(SERVICE_CIDR)
  private readonly nodePorts: Range<number> = portRange(NODE_PORT_RANGE.first, NODE_PORT_RANGE.last)
  private readonly ipOwners = new Map<string, string>()
  private readonly portOwners = new Map<number, string>()

  constructor(
    store: ObjectStore,
    private readonly prng: Prng,
  ) {
    store.watch(
      ({ type, object, old }) => {
        if (old) this.track(old as Service, false)
        this.track(object as Service, type !== 'DELETED')
      },
      ['Service'],
    )
  }

  private track(svc: Service, claim: boolean): void {
    const key = keyOfObject(svc)
    const spec = svc.spec ?? {}
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      if (this.ips.indexOf(ip) === undefined) continue
      if (claim) this.ipOwners.set(ip, key)
      else if (this.ipOwners.get(ip) === key) this.ipOwners.delete(ip)
    }
    const ports = (spec.ports ?? []).map((p) => p?.nodePort ?? 0)
    if (spec.healthCheckNodePort) ports.push(spec.healthCheckNodePort)
    for (const port of ports) {
      if (this.nodePorts.indexOf(port) === undefined) continue
      if (claim) this.portOwners.set(port, key)
      else if (this.portOwners.get(port) === key) this.portOwners.delete(port)
    }
  }

  admitCreate(obj: KubeObject, dryRun: boolean): FieldError[] {
    const svc = obj as Service
    if (!svc.spec || typeof svc.spec !== 'object') return []
    normalizeClusterIPs(svc.spec)
    const op: Operation = { key: keyOfObject(svc), dryRun, ports: new Set() }
    return (
      initIPFamilies(svc.spec, undefined) ??
      this.allocateClusterIP(svc.spec, op) ??
      this.allocateNodePorts(svc.spec, undefined, op) ??
      this.allocateHealthCheckPort(svc.spec, undefined, op) ??
      []
    )
  }

  admitUpdate(obj: KubeObject, old: KubeObject, dryRun: boolean): FieldError[] {
    const svc = obj as Service
    const prev = (old as Service).spec
    if (!svc.spec || typeof svc.spec !== 'object') return []
    patchAllocatedValues(svc.spec, prev)
    normalizeClusterIPs(svc.spec)
    const op: Operation = { key: keyOfObject(svc), dryRun, ports: new Set() }
    const fromExternalName = prev.type === 'ExternalName' && svc.spec.type !== 'ExternalName'
    return (
      initIPFamilies(svc.spec, prev) ??
      (fromExternalName ? this.allocateClusterIP(svc.spec, op) : undefined) ??
      this.allocateNodePorts(svc.spec, prev, op) ??
      this.allocateHealthCheckPort(svc.spec, prev, op) ??
      []
    )
  }

  private allocateClusterIP(spec: ServiceSpec, op: Operation): FieldError[] | undefined {
    if (!needsClusterIP(spec) || isHeadless(spec)) return undefined
    const wanted = spec.clusterIP ?? ''
    if (wanted === '') {
      const ip = pickFree(this.ips, (v) => this.ipOwners.has(v), op.dryRun ? undefined : this.prng)
      if (ip === undefined)
        return [
          invalid(
            'spec.clusterIPs',
            goStrings([]),
            'failed to allocate a serviceIP: range is full',
          ),
        ]
      spec.clusterIP = ip
      spec.clusterIPs = [ip]
      return undefined
    }
    const reason =
      this.ips.indexOf(wanted) === undefined
        ? `provided IP ${wanted} is not in the valid range`
        : this.takenByOther(this.ipOwners.get(wanted), op)
          ? 'provided IP is already allocated'
          : undefined
    if (reason)
      return [
        invalid(
          'spec.clusterIPs',
          goStrings(spec.clusterIPs ?? [wanted]),
          `failed to allocate IP ${wanted}: ${reason}`,
        ),
      ]
    return undefined
  }

  /** `initNodePorts` / `updateNodePorts`: explicit ports checked, missing ones drawn; one node port per port number. */
  private allocateNodePorts(
    spec: ServiceSpec,
    prev: ServiceSpec | undefined,
    op: Operation,
  ): FieldError[] | undefined {
    if (!needsNodePorts(spec)) return undefined
    const kept = new Set(
      prev && needsNodePorts(prev) ? (prev.ports ?? []).map((p) => p.nodePort) : [],
    )
    const byPort = new Map<number, number>()
    const ports: ServicePort[] = Array.isArray(spec.ports) ? spec.ports : []
    for (const [i, port] of ports.entries()) {
      if (!port || typeof port !== 'object') continue
      if (!port.nodePort && !shouldAllocateNodePorts(spec)) continue
      const shared = prev ? undefined : byPort.get(port.port)
      if (shared !== undefined && !port.nodePort) {
        port.nodePort = shared
        continue
      }
      if (port.nodePort) {
        if (kept.has(port.nodePort)) continue
        // TCP and UDP of one port number share a node port; any other repeat is refused.
        if (op.ports.has(port.nodePort) && (prev || byPort.get(port.port) === port.nodePort))
          continue
        const reason = this.claimPort(port.nodePort, op)
        if (reason) return [invalid(`spec.ports[${i}].nodePort`, port.nodePort, reason)]
      } else {
        const drawn = this.drawPort(op)
        if (drawn === undefined) return [invalid(`spec.ports[${i}].nodePort`, 0, 'range is full')]
        port.nodePort = drawn
      }
      byPort.set(port.port, port.nodePort)
    }
    return undefined
  }

  private allocateHealthCheckPort(
    spec: ServiceSpec,
    prev: ServiceSpec | undefined,
    op: Operation,
  ): FieldError[] | undefined {
    if (!needsHealthCheck(spec)) {
      delete spec.healthCheckNodePort
      return undefined
    }
    if (prev && needsHealthCheck(prev) && prev.healthCheckNodePort) {
      spec.healthCheckNodePort ||= prev.healthCheckNodePort
      return undefined
    }
    if (spec.healthCheckNodePort) {
      const reason = this.claimPort(spec.healthCheckNodePort, op)
      return reason
        ? [invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, reason)]
        : undefined
    }
    spec.healthCheckNodePort = this.drawPort(op)
    return undefined
  }

  /** `PortAllocator.Allocate`: why a requested port cannot be had, if it cannot. */
  private claimPort(port: number, op: Operation): string | undefined {
    if (this.nodePorts.indexOf(port) === undefined)
      return `provided port is not in the valid range. The range of valid ports is ${this.nodePorts.text}`
    if (op.ports.has(port) || this.takenByOther(this.portOwners.get(port), op))
      return 'provided port is already allocated'
    op.ports.add(port)
    return undefined
  }

  private drawPort(op: Operation): number | undefined {
    const port = pickFree(
      this.nodePorts,
      (p) => op.ports.has(p) || this.portOwners.has(p),
      op.dryRun ? undefined : this.prng,
    )
    if (port !== undefined) op.ports.add(port)
    return port
  }

  private takenByOther(owner: string | undefined, op: Operation): boolean {
    return owner !== undefined && owner !== op.key
  }
}

/** `normalizeClusterIPs`: `clusterIP` and `clusterIPs[0]` say the same thing. */
function normalizeClusterIPs(spec: ServiceSpec): void {
  if (spec.type === 'ExternalName') return
  if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP]
  else if (!spec.clusterIP && (spec.clusterIPs ?? []).length > 0)
    spec.clusterIP = spec.clusterIPs![0]
}

/**
 * `patchAllocatedValues`: a manifest applied again without the cluster IP and
 * node ports it was given keeps them, rather than asking for new ones.
 */
function patchAllocatedValues(spec: ServiceSpec, prev: ServiceSpec): void {
  if (needsClusterIP(prev) && needsClusterIP(spec)) {
    spec.clusterIP ||= prev.clusterIP
    if ((spec.clusterIPs ?? []).length === 0 && (prev.clusterIPs ?? []).length > 0)
      spec.clusterIPs = prev.clusterIPs
  }
  if (needsNodePorts(prev) && needsNodePorts(spec)) {
    const used = new Set((spec.ports ?? []).map((p) => p?.nodePort).filter(Boolean))
    const byName = new Map((prev.ports ?? []).map((p) => [p.name ?? '', p.nodePort]))
    for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
      if (!port || port.nodePort) continue
      const old = byName.get(port.name ?? '')
      if (old && !used.has(old)) port.nodePort = old
    }
  }
}

/**
 * `initIPFamilyFields` on a single-stack IPv4 cluster: a policy (kept from
 * before on update), the families, and the refusals for what this cluster
 * cannot give.
 */
function initIPFamilies(
  spec: ServiceSpec,
  prev: ServiceSpec | undefined,
): FieldError[] | undefined {
  if (spec.type === 'ExternalName') return undefined
  const headlessSelectorless = isHeadless(spec) && Object.keys(spec.selector ?? {}).length === 0
  spec.ipFamilyPolicy ??=
    prev?.ipFamilyPolicy ?? (headlessSelectorless ? 'RequireDualStack' : 'SingleStack')
  const loose = clusterIPErrors(spec)
  if (loose.length > 0) return loose
  const errors: FieldError[] = []
  ;(spec.clusterIPs ?? []).forEach((ip, i) => {
    if (ip !== 'None' && isIPv6(ip) && i >= (spec.ipFamilies ?? []).length)
      errors.push(
        invalid(
          `spec.clusterIPs[${i}]`,
          goStrings(spec.clusterIPs!),
          'IPv6 is not configured on this cluster',
        ),
      )
  })
  if (errors.length > 0) return errors
  if (headlessSelectorless) {
    spec.ipFamilies ??= ['IPv4']
    if (spec.ipFamilyPolicy !== 'SingleStack' && spec.ipFamilies.length < 2)
      spec.ipFamilies = [...spec.ipFamilies, spec.ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4']
    return undefined
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack')
    errors.push(
      invalid(
        'spec.ipFamilyPolicy',
        'RequireDualStack',
        'this cluster is not configured for dual-stack services',
      ),
    )
  ;(spec.ipFamilies ?? []).forEach((family, i) => {
    if (family !== 'IPv4')
      errors.push(invalid(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'))
  })
  if (errors.length > 0) return errors
  if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = ['IPv4']
  return undefined
}
