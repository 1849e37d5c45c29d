import type { Service } from '../api/core'
import type { VirtualClock } from '../kernel/clock'
import type { ObjectStore, WatchEvent } from '../store/store'
import { serviceEndpoints, storeLookup, type BackendEndpoint } from './service-backends'

/**
 * kube-proxy's `--iptables-min-sync-period` default, with the burst of two its
 * sync runner allows (`pkg/proxy/iptables/proxier.go`): after a quiet spell a
 * change is written at once, but changes that follow closely wait for the next
 * of one sync a second.
 */
export const MIN_SYNC_PERIOD_MS = 1_000
const BURST_SYNCS = 2
/**
 * From an EndpointSlice write to rules in place on the nodes: the watch event
 * and an `iptables-restore`, a tenth of a second on a small cluster. Meanwhile
 * the kubelet has already sent SIGTERM, which is why a pod that stops
 * listening at once still receives a few new connections unless a preStop
 * hook holds it open.
 */
export const PROGRAMMING_LATENCY_MS = 100

/** The label an EndpointSlice names its Service with. */
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

/** A Service as the proxies have it programmed: its ports and, for each, the endpoints behind it. */
export interface ProgrammedService {
  readonly service: Service
  /** By Service port name (`''` for an unnamed port): every endpoint, in slice order. */
  readonly endpoints: ReadonlyMap<string, readonly BackendEndpoint[]>
}

/**
 * The Service rules every node's kube-proxy holds, as one set (the proxies read
 * the same EndpointSlices): a change to a Service or its slices marks it, and
 * the next sync, no sooner than a second after the last, reads the store as it
 * is then. Only Services someone sends traffic to are kept.
 */
export class ProxyRules {
  private readonly programmed = new Map<string, ProgrammedService | null>()
  private readonly dirty = new Set<string>()
  private dirtySinceMs: number | undefined
  /** The sync runner's token bucket: syncs in hand, as of `tokensAtMs`. */
  private tokens = BURST_SYNCS
  private tokensAtMs = 0
  private readonly lookup

  constructor(
    store: ObjectStore,
    private readonly clock: VirtualClock,
  ) {
    this.lookup = storeLookup(store)
    store.watch((e) => this.changed(e), ['Service', 'EndpointSlice'])
  }

  private changed(e: WatchEvent): void {
    const obj = e.object
    const name =
      obj.kind === 'Service' ? obj.metadata.name : obj.metadata.labels?.[SERVICE_NAME_LABEL]
    if (name === undefined) return
    const key = `${obj.metadata.namespace ?? 'default'}/${name}`
    if (!this.programmed.has(key)) return
    this.dirty.add(key)
    this.dirtySinceMs ??= this.clock.nowMs()
  }

  /** When the next sync runs, if a change waits for one. */
  nextSyncMs(): number | undefined {
    if (this.dirtySinceMs === undefined) return undefined
    const wanted = this.dirtySinceMs + PROGRAMMING_LATENCY_MS
    const tokens = this.tokensAt(wanted)
    return tokens >= 1 ? wanted : wanted + (1 - tokens) * MIN_SYNC_PERIOD_MS
  }

  private tokensAt(atMs: number): number {
    return Math.min(BURST_SYNCS, this.tokens + (atMs - this.tokensAtMs) / MIN_SYNC_PERIOD_MS)
  }

  /** Runs the pending sync at `atMs`: the store is as it is at that instant. */
  sync(atMs: number): void {
    for (const key of this.dirty) this.programmed.set(key, this.read(key))
    this.dirty.clear()
    this.dirtySinceMs = undefined
    this.tokens = Math.max(0, this.tokensAt(atMs) - 1)
    this.tokensAtMs = atMs
  }

  /**
   * A Service's rules; undefined when there is no such Service. A Service asked
   * for the first time is read as it is: kube-proxy programs every Service, so
   * its rules were there already.
   */
  service(namespace: string, name: string): ProgrammedService | undefined {
    const key = `${namespace}/${name}`
    let rules = this.programmed.get(key)
    if (rules === undefined) {
      rules = this.read(key)
      this.programmed.set(key, rules)
    }
    return rules ?? undefined
  }

  private read(key: string): ProgrammedService | null {
    const slash = key.indexOf('/')
    const service = this.lookup.service(key.slice(0, slash), key.slice(slash + 1))
    if (!service) return null
    const endpoints = new Map<string, readonly BackendEndpoint[]>()
    for (const port of service.spec.ports ?? [])
      endpoints.set(port.name ?? '', serviceEndpoints(this.lookup, service, port))
    return { service, endpoints }
  }
}

/**
 * The endpoints a proxy sends a new connection to: the ready ones; when none is
 * ready, those still serving while they terminate (KEP-1669, Kubernetes 1.28).
 * With `node`, only those on that node (`externalTrafficPolicy: Local`).
 */
export function usableEndpoints(
  all: readonly BackendEndpoint[],
  node?: string,
): readonly BackendEndpoint[] {
  const here = node === undefined ? all : all.filter((e) => e.nodeName === node)
  const ready = here.filter((e) => e.ready && !e.terminating)
  return ready.length > 0 ? ready : here.filter((e) => e.serving && e.terminating)
}
