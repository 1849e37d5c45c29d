import type { Node } from '../../api/core'
import { readyOf } from './health'
import { TokenBucket } from '../../runtime/token-bucket'

/**
 * The node lifecycle controller's view of zones (`handleDisruption`): how many
 * nodes of each zone are Ready, the state that makes, and per zone a queue of
 * nodes waiting for their NoExecute taint behind a rate limiter. A zone with
 * no Ready node is fully disrupted; when every zone is, the controller stops
 * tainting altogether, since the fault is more likely its own network than
 * every node at once.
 */
export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption'

/** `--node-eviction-rate`. */
export const EVICTION_LIMITER_QPS = 0.1
/** `--secondary-node-eviction-rate`. */
export const SECONDARY_EVICTION_LIMITER_QPS = 0.01
/** `--large-cluster-size-threshold`. */
export const LARGE_CLUSTER_THRESHOLD = 50
/** `--unhealthy-zone-threshold`. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55

const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption'

/** `nodetopology.GetZoneKey`: region and zone, or "" for a node with neither. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {}
  const region =
    labels['topology.kubernetes.io/region'] ??
    labels['failure-domain.beta.kubernetes.io/region'] ??
    ''
  const zone =
    labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? ''
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`
}

/** `RateLimitedTimedQueue`: a zone's nodes waiting to be tainted, first come first served. */
export class ZoneTainter {
  readonly queue: string[] = []
  /** `NewTokenBucketRateLimiter(qps, 1)`. */
  limiter: TokenBucket

  constructor(nowMs: number) {
    this.limiter = new TokenBucket(EVICTION_LIMITER_QPS, 1, nowMs)
  }

  add(nodeName: string): boolean {
    if (this.queue.includes(nodeName)) return false
    this.queue.push(nodeName)
    return true
  }

  remove(nodeName: string): void {
    const i = this.queue.indexOf(nodeName)
    if (i >= 0) this.queue.splice(i, 1)
  }

  /** `SwapLimiter`: a new bucket, drained if the old one was. */
  swapLimiter(qps: number, nowMs: number): void {
    if (this.limiter.qps === qps) return
    const next = new TokenBucket(qps, 1, nowMs)
    if (qps > 0 && !this.limiter.tryAccept(nowMs)) next.tryAccept(nowMs)
    this.limiter = next
  }
}

interface Tracked {
  zone: string
  ready: boolean
  counted: boolean
}

export interface DisruptionChange {
  /** Every zone has just lost all its Ready nodes: the controller lifts its NoExecute taints. */
  enteredFullDisruption: boolean
  /** Some node is Ready again after that: the others that are not are candidates again. */
  exitedFullDisruption: boolean
  /** Zones whose tainter may now let nodes through. */
  resumed: string[]
}

export class Zones {
  private readonly nodes = new Map<string, Tracked>()
  private readonly counts = new Map<string, { ready: number; notReady: number }>()
  private readonly states = new Map<string, ZoneState>()
  private readonly tainters = new Map<string, ZoneTainter>()

  /** Takes in a node as it is now (undefined once it is gone); true when a zone's count moved. */
  observe(nodeName: string, node: Node | undefined, nowMs: number): boolean {
    const before = this.nodes.get(nodeName)
    const after: Tracked | undefined = node && {
      zone: zoneKey(node),
      ready: readyOf(node) === 'True',
      counted: !(LABEL_EXCLUDE_DISRUPTION in (node.metadata.labels ?? {})),
    }
    if (after && !this.tainters.has(after.zone))
      this.tainters.set(after.zone, new ZoneTainter(nowMs))
    if (
      before?.zone === after?.zone &&
      before?.ready === after?.ready &&
      before?.counted === after?.counted
    )
      return false
    if (before?.counted) this.count(before, -1)
    if (after?.counted) this.count(after, +1)
    if (after) this.nodes.set(nodeName, after)
    else this.nodes.delete(nodeName)
    return true
  }

  private count(t: Tracked, by: number): void {
    let c = this.counts.get(t.zone)
    if (!c) this.counts.set(t.zone, (c = { ready: 0, notReady: 0 }))
    if (t.ready) c.ready += by
    else c.notReady += by
    if (c.ready === 0 && c.notReady === 0) this.counts.delete(t.zone)
  }

  /** The nodes that are not Ready: a scan, for the rare moment a cluster-wide outage ends. */
  notReady(): string[] {
    const out: string[] = []
    for (const [name, t] of this.nodes) if (!t.ready) out.push(name)
    return out
  }

  tainterOf(node: Node): ZoneTainter | undefined {
    return this.tainters.get(zoneKey(node))
  }

  tainter(zone: string): ZoneTainter | undefined {
    return this.tainters.get(zone)
  }

  /** `ComputeZoneState`. */
  private stateOf(zone: string): ZoneState {
    const { ready, notReady } = this.counts.get(zone)!
    if (ready === 0 && notReady > 0) return 'FullDisruption'
    if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD)
      return 'PartialDisruption'
    return 'Normal'
  }

  /** `setLimiterInZone`: a partly disrupted small zone taints nothing; a large one, slowly. */
  private qpsFor(zone: string, state: ZoneState): number {
    if (state !== 'PartialDisruption') return EVICTION_LIMITER_QPS
    const c = this.counts.get(zone)!
    return c.ready + c.notReady > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_LIMITER_QPS : 0
  }

  /** `handleDisruption`, from the counts as they are now. */
  handleDisruption(nowMs: number): DisruptionChange {
    const next = new Map<string, ZoneState>()
    for (const zone of this.counts.keys()) next.set(zone, this.stateOf(zone))
    const allAre = [...next.values()].every((s) => s === 'FullDisruption')
    for (const zone of next.keys()) if (!this.states.has(zone)) this.states.set(zone, 'Initial')
    for (const zone of [...this.states.keys()]) if (!next.has(zone)) this.states.delete(zone)
    const allWas = [...this.states.values()].every((s) => s === 'FullDisruption')
    const change: DisruptionChange = {
      enteredFullDisruption: false,
      exitedFullDisruption: allWas && this.states.size > 0,
      resumed: [],
    }
    if (allAre && allWas) return change
    if (allAre) {
      for (const zone of this.states.keys()) {
        this.tainters.get(zone)?.swapLimiter(0, nowMs)
        this.states.set(zone, 'FullDisruption')
      }
      change.enteredFullDisruption = true
      return change
    }
    for (const [zone, state] of next) {
      if (!allWas && this.states.get(zone) === state) continue
      this.tainters.get(zone)?.swapLimiter(this.qpsFor(zone, state), nowMs)
      this.states.set(zone, state)
      change.resumed.push(zone)
    }
    return change
  }
}
