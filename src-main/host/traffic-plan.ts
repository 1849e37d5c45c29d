import type { PreparedRevision } from '../gitops/engine'
import type { KubeObject } from '../sim/api/meta'
import type { Ingress } from '../sim/api/networking'
import type { Simulation } from '../sim/simulation'
import { matchIngress } from '../sim/traffic/ingress-routes'
import { parseDurationMs } from '../shared/duration'
import { parseTrafficSpec, TrafficSpecError, type TrafficSpec } from '../sim/traffic/traffic-spec'

export type { TrafficSpec }

/** `web=50@2m` → the client it asks for; a `TrafficSpecError` says what would have been understood. */
export function parseTraffic(spec: string): TrafficSpec {
  return parseTrafficSpec(spec, parseDurationMs)
}

const objectsOf = (prepared: PreparedRevision): KubeObject[] =>
  prepared.request.objects.map((d) => d.object)

/**
 * Checks, before anything runs, that each client's target is declared by one
 * of the revisions the run syncs: a Service of that name in its namespace (with
 * the port, and of a type that has NodePorts or a load balancer when it enters
 * that way), or an Ingress rule for the host and path. A miss lists what there is.
 */
export function checkTrafficTargets(
  specs: readonly TrafficSpec[],
  revisions: readonly PreparedRevision[],
  namespace: string,
  /** Name the flag in the message, as the CLI does; the app shows the reason alone. */
  asFlag = true,
): void {
  const objects = revisions.flatMap(objectsOf)
  const services = objects.filter((o) => o.kind === 'Service' && o.apiVersion === 'v1')
  for (const spec of specs) {
    const fail = (why: string): never => {
      throw new TrafficSpecError(asFlag ? `--traffic ${spec.spec}: ${why}` : why)
    }
    if (spec.entry === 'ingress') {
      const request = { host: spec.name, path: spec.path }
      const ingresses = objects.filter((o): o is Ingress => o.kind === 'Ingress')
      if (!ingresses.some((i) => matchIngress(i, request)))
        fail(
          ingresses.length === 0
            ? 'the revision declares no Ingress'
            : `no Ingress rule takes http://${spec.name}${spec.path}: hosts are ${hostsOf(ingresses)}`,
        )
      continue
    }
    const ns = spec.namespace ?? namespace
    const inNs = services.filter((s) => (s.metadata.namespace ?? namespace) === ns)
    const svc = inNs.find((s) => s.metadata.name === spec.name) as
      | (KubeObject & { spec?: { type?: string; ports?: { name?: string; port: number }[] } })
      | undefined
    if (!svc) {
      const names = inNs.map((s) => s.metadata.name).sort()
      fail(
        `service "${spec.name}" not found in namespace "${ns}": ` +
          (names.length > 0 ? `services are ${names.join(', ')}` : 'it has no Service'),
      )
      continue
    }
    const ports = svc.spec?.ports ?? []
    if (
      spec.port !== undefined &&
      !ports.some((p) => String(p.port) === spec.port || p.name === spec.port)
    )
      fail(
        `service "${spec.name}" has no port ${spec.port}: ports are ${ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none'}`,
      )
    const type = svc.spec?.type ?? 'ClusterIP'
    if (spec.entry === 'node-port' && type !== 'NodePort' && type !== 'LoadBalancer')
      fail(
        `service "${spec.name}" is of type ${type}: only NodePort and LoadBalancer Services have node ports`,
      )
    if (spec.entry === 'load-balancer' && type !== 'LoadBalancer')
      fail(`service "${spec.name}" is of type ${type}, not LoadBalancer`)
  }
}

function hostsOf(ingresses: readonly Ingress[]): string {
  const hosts = new Set<string>()
  for (const i of ingresses) for (const r of i.spec.rules ?? []) hosts.add(r.host ?? '*')
  return [...hosts].sort().join(', ')
}

/** Starts each client on the simulation; times count from `startMs`. */
export function startTraffic(
  sim: Simulation,
  specs: readonly TrafficSpec[],
  namespace: string,
  startMs: number,
): void {
  for (const spec of specs) sim.traffic.send(spec, namespace, startMs)
}
