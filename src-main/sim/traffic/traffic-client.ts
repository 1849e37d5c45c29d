import type { TrafficSecondView } from '../../shared/live-dto'
import type { TrafficView } from '../../shared/traffic-dto'
import type { Service, ServicePort } from '../api/core'
import type { Ingress } from '../api/networking'
import type { VirtualClock } from '../kernel/clock'
import type { Prng } from '../kernel/prng'
import type { ObjectStore } from '../store/store'
import { answerAt, failed, CLIENT_TIMEOUT_MS, type Answer, type RequestWorld } from './answer'
import { matchIngress } from './ingress-routes'
import { ProxyRules, usableEndpoints } from './proxy-rules'
import type { BackendEndpoint } from './service-backends'
import { TrafficStats } from './traffic-stats'
import type { TrafficSpec } from './traffic-spec'

/** Requests go out in batches this far apart: fine enough for a second-long gap to show. */
export const TICK_MS = 100

export interface TrafficWorld extends RequestWorld {
  readonly store: ObjectStore
  readonly clock: VirtualClock
}

interface Stream {
  readonly spec: TrafficSpec
  readonly namespace: string
  readonly originMs: number
  startedAtMs?: number
  /** Requests owed but not yet sent: a rate of 5 a second sends one every other tick. */
  carry: number
  /** Round-robin position over the nodes, for NodePort traffic. */
  nodeCursor: number
  readonly stats: TrafficStats
  /** Set when the client was stopped: it sends nothing from then on. */
  stoppedAtMs?: number
}

/** Where one tick's requests of a stream go: endpoints to pick from, or why none. */
type Route =
  | { readonly failure: Answer }
  | {
      readonly namespace: string
      readonly endpoints: readonly BackendEndpoint[]
      /** For requests that enter through a node: the node, already checked to be reachable. */
      readonly node?: string
    }

const timeout = (): Answer => failed('timeout', CLIENT_TIMEOUT_MS)

function portOf(service: Service, wanted: string | number | undefined): ServicePort | undefined {
  const ports = service.spec.ports ?? []
  if (wanted === undefined) return ports[0]
  return ports.find((p) =>
    typeof wanted === 'number' || /^\d+$/.test(wanted)
      ? p.port === Number(wanted)
      : p.name === wanted,
  )
}

/**
 * Simulated clients sending requests at a steady rate, through a Service's
 * ClusterIP, its NodePorts, its load balancer or an Ingress, to the endpoints
 * kube-proxy has programmed, each request answered by what runs in the pod at
 * that instant. The client only observes: it writes nothing and draws from its
 * own generator, so a run with traffic is the same run as without.
 *
 * It has no timers either: the simulation calls `advance` before it moves the
 * clock, and the requests due until then go out against the cluster as it
 * stands (nothing in the store changes between two steps).
 */
export class TrafficClient {
  private readonly streams: Stream[] = []
  private rules?: ProxyRules
  private nextTickMs = 0
  private nodeNames?: string[]
  /** Each node's CPU slowdown, asked once per tick. */
  private readonly slowdowns = new Map<string, number>()
  private readonly requestWorld: RequestWorld

  constructor(
    private readonly world: TrafficWorld,
    private readonly prng: Prng,
  ) {
    this.requestWorld = {
      pod: (namespace, name) => world.pod(namespace, name),
      podRuntime: (namespace, name) => world.podRuntime(namespace, name),
      unreachable: (node) => world.unreachable(node),
      slowdown: (node) => {
        let s = this.slowdowns.get(node)
        if (s === undefined) this.slowdowns.set(node, (s = world.slowdown(node)))
        return s
      },
    }
  }

  /** Starts a client; its times count from `originMs`, and `namespace` is the one a bare Service name means. */
  send(spec: TrafficSpec, namespace: string, originMs: number): void {
    if (!this.rules) {
      this.rules = new ProxyRules(this.world.store, this.world.clock)
      this.world.store.watch(
        (e) => {
          if (e.type !== 'MODIFIED') this.nodeNames = undefined
        },
        ['Node'],
      )
      this.nextTickMs = Math.ceil(this.world.clock.nowMs() / TICK_MS) * TICK_MS
    }
    this.streams.push({
      spec,
      namespace: spec.namespace ?? namespace,
      originMs,
      carry: 0,
      nodeCursor: 0,
      stats: new TrafficStats(),
    })
  }

  /** Sends every request due before `untilMs`, with kube-proxy's syncs in between. */
  advance(untilMs: number): void {
    const rules = this.rules
    if (!rules) return
    for (;;) {
      const syncMs = rules.nextSyncMs()
      if (syncMs !== undefined && syncMs < untilMs && syncMs <= this.nextTickMs) {
        rules.sync(syncMs)
        continue
      }
      if (this.nextTickMs >= untilMs) return
      this.tick(this.nextTickMs)
      this.nextTickMs += TICK_MS
    }
  }

  private tick(nowMs: number): void {
    this.slowdowns.clear()
    for (const s of this.streams) {
      if (s.stoppedAtMs !== undefined) continue
      if (s.startedAtMs === undefined) {
        if (!this.ready(s, nowMs)) continue
        s.startedAtMs = nowMs
      }
      s.carry += (s.spec.rps * TICK_MS) / 1000
      const n = Math.floor(s.carry + 1e-9)
      if (n === 0) continue
      s.carry -= n
      const second = Math.floor((nowMs - s.originMs) / 1000)
      // Requests that do not enter through a node share one route per tick.
      const entry = s.spec.entry
      const shared = entry === 'cluster-ip' || entry === 'ingress' ? this.route(s, true) : undefined
      for (let i = 0; i < n; i++)
        s.stats.record(this.request(shared ?? this.route(s, true), s.spec.path, nowMs), second)
    }
  }

  /** Whether a stream starts now: at its time, or once its target has a ready endpoint. */
  private ready(s: Stream, nowMs: number): boolean {
    if (s.spec.startAtMs !== undefined) return nowMs >= s.originMs + s.spec.startAtMs
    const route = this.route(s, false)
    return 'endpoints' in route && route.endpoints.length > 0
  }

  private request(route: Route, path: string, nowMs: number): Answer {
    if ('failure' in route) return route.failure
    const { endpoints } = route
    if (endpoints.length === 0) return failed('noEndpoints')
    // iptables picks an endpoint at random, each with the same chance.
    const endpoint = endpoints[this.prng.int(endpoints.length)]!
    return answerAt(this.requestWorld, route.namespace, endpoint, path, nowMs, this.prng)
  }

  /** Where a request of the stream goes; `pickNode` moves NodePort and load-balancer traffic to its next node. */
  private route(s: Stream, pickNode: boolean): Route {
    const spec = s.spec
    if (spec.entry === 'ingress') return this.ingressRoute(s)
    const rules = this.rules!.service(s.namespace, spec.name)
    if (!rules) return { failure: failed('unresolved') }
    const port = portOf(rules.service, spec.port)
    // No rule for that port on the ClusterIP: the packets go nowhere.
    if (!port) return { failure: timeout() }
    const all = rules.endpoints.get(port.name ?? '') ?? []
    if (spec.entry === 'cluster-ip')
      return { namespace: s.namespace, endpoints: usableEndpoints(all) }
    const type = rules.service.spec.type ?? 'ClusterIP'
    const local = rules.service.spec.externalTrafficPolicy === 'Local'
    if (spec.entry === 'node-port') {
      if (type !== 'NodePort' && type !== 'LoadBalancer') return { failure: failed('unresolved') }
      const nodes = this.nodes()
      if (nodes.length === 0) return { failure: timeout() }
      const node = nodes[s.nodeCursor % nodes.length]!
      if (pickNode) s.nodeCursor++
      return this.viaNode(s.namespace, all, node, local)
    }
    if (type !== 'LoadBalancer' || !rules.service.status?.loadBalancer?.ingress?.length)
      return { failure: failed('unresolved') }
    // The load balancer's health checks keep it to nodes that answer, and with
    // `externalTrafficPolicy: Local` to nodes that have an endpoint of their own.
    const healthy = this.nodes().filter(
      (n) => !this.world.unreachable(n) && (!local || usableEndpoints(all, n).length > 0),
    )
    if (healthy.length === 0) return { failure: timeout() }
    const node = healthy[pickNode ? this.prng.int(healthy.length) : 0]!
    return this.viaNode(s.namespace, all, node, local)
  }

  private viaNode(
    namespace: string,
    all: readonly BackendEndpoint[],
    node: string,
    local: boolean,
  ): Route {
    if (this.world.unreachable(node)) return { failure: timeout() }
    const endpoints = usableEndpoints(all, local ? node : undefined)
    // With the Local policy a node without an endpoint of its own drops the packets.
    if (local && endpoints.length === 0) return { failure: timeout() }
    return { namespace, endpoints, node }
  }

  /** The Ingress rule for the host and path, as an ingress controller routes it. */
  private ingressRoute(s: Stream): Route {
    const request = { host: s.spec.name, path: s.spec.path }
    let best: { ingress: Ingress; ruled: boolean } | undefined
    for (const ingress of this.world.store.list<Ingress>('Ingress')) {
      const match = matchIngress(ingress, request)
      if (!match) continue
      const ruled = match.rule !== undefined
      if (!best || (ruled && !best.ruled)) best = { ingress, ruled }
    }
    // ingress-nginx answers 404 from its default backend when no rule takes the request.
    if (!best) return { failure: failed('http4xx') }
    const backend = matchIngress(best.ingress, request)!.backend.service
    const namespace = best.ingress.metadata.namespace ?? 'default'
    const rules = backend && this.rules!.service(namespace, backend.name)
    // …and 503 when the backend Service is missing.
    if (!backend || !rules) return { failure: failed('http5xx') }
    const port = portOf(rules.service, backend.port.name ?? backend.port.number)
    if (!port) return { failure: failed('http5xx') }
    return { namespace, endpoints: usableEndpoints(rules.endpoints.get(port.name ?? '') ?? []) }
  }

  private nodes(): string[] {
    this.nodeNames ??= this.world.store
      .list('Node')
      .map((n) => n.metadata.name)
      .sort()
    return this.nodeNames
  }

  /** Stops the `index`th client started; its figures stay. False when there is none or it had stopped. */
  stop(index: number): boolean {
    const s = this.streams[index]
    if (!s || s.stoppedAtMs !== undefined) return false
    s.stoppedAtMs = this.world.clock.nowMs()
    return true
  }

  stopped(index: number): boolean {
    return this.streams[index]?.stoppedAtMs !== undefined
  }

  /**
   * The `index`th client's requests in each of the `count` whole seconds before
   * `untilMs` (counted from its origin), oldest first, for a live chart.
   */
  recentSeconds(index: number, untilMs: number, count: number): TrafficSecondView[] {
    const s = this.streams[index]
    if (!s) return []
    const until = Math.floor((untilMs - s.originMs) / 1000)
    return s.stats.series(until - count, until).map(({ second, succeeded, failedBy }) => ({
      atMs: s.originMs + second * 1000,
      succeeded,
      failedBy,
    }))
  }

  views(): TrafficView[] {
    return this.streams.map((s) => {
      const { stats, spec } = s
      const latency = stats.latency()
      return {
        traffic: spec.spec,
        target: describeTarget(spec, s.namespace),
        ratePerSecond: spec.rps,
        ...(s.startedAtMs !== undefined && {
          startedAtSeconds: Math.round(s.startedAtMs - s.originMs) / 1000,
        }),
        sent: stats.sent,
        succeeded: stats.succeeded,
        failed: stats.failed,
        failedBy: { ...stats.failedBy },
        ...(latency && { latencyMs: latency }),
        lossWindows: stats.lossWindows(),
      }
    })
  }
}

/** `Service default/web port 80 through its ClusterIP, path /`. */
export function describeTarget(spec: TrafficSpec, namespace: string): string {
  if (spec.entry === 'ingress') return `http://${spec.name}${spec.path} through the Ingress rules`
  const service = `Service ${namespace}/${spec.name}${spec.port ? ` port ${spec.port}` : ''}`
  const via = {
    'cluster-ip': 'through its ClusterIP',
    'node-port': 'through its NodePort on each node in turn',
    'load-balancer': 'through its load balancer',
  }[spec.entry]
  return `${service} ${via}, path ${spec.path}`
}
