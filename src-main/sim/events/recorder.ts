import type { KubeObject } from '../api/meta'
import type { KubeEvent } from '../api/core'
import type { VirtualClock } from '../kernel/clock'
import type { Prng } from '../kernel/prng'
import { fromRfc3339, toRfc3339 } from '../kernel/time'
import { ApiError } from '../store/errors'
import type { ObjectStore } from '../store/store'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  component: string
  host?: string
}

/** `EventAggregator` defaults: 10 distinct messages within 10 minutes are combined. */
const AGGREGATE_MAX_EVENTS = 10
const AGGREGATE_INTERVAL_MS = 600_000
/** The API server's `--event-ttl`: an event not updated for an hour is gone. */
export const EVENT_TTL_MS = 3_600_000

interface Aggregate {
  messages: Set<string>
  lastMs: number
}

interface Expiry {
  namespace: string
  name: string
  identity: string
  atMs: number
}

/**
 * Records Kubernetes Events in the store as client-go's `EventCorrelator` does:
 * an event identical to an earlier one (same object, type, reason, source and
 * message) bumps its count and lastTimestamp; once an object has had 10
 * different messages for one reason within 10 minutes, the next ones are folded
 * into a single `(combined from similar events): …` event. Events expire an hour
 * after their last update, as with the API server's default event TTL.
 */
export class EventRecorder {
  private readonly seen = new Map<string, string>()
  private readonly aggregates = new Map<string, Aggregate>()
  private readonly expiries: Expiry[] = []
  private expiryHead = 0

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
    private readonly prng: Prng,
  ) {}

  record(
    involved: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
  ): void {
    const nowMs = this.clock.nowMs()
    this.expire(nowMs)
    const namespace = involved.metadata.namespace ?? 'default'
    const aggregateKey = `${involved.metadata.uid}\u0000${type}\u0000${reason}\u0000${source.component}\u0000${source.host ?? ''}`
    let identity = `${aggregateKey}\u0000${message}`
    let text = message
    let aggregate = this.aggregates.get(aggregateKey)
    if (!aggregate || nowMs - aggregate.lastMs > AGGREGATE_INTERVAL_MS) {
      aggregate = { messages: new Set(), lastMs: nowMs }
      this.aggregates.set(aggregateKey, aggregate)
    }
    aggregate.messages.add(message)
    aggregate.lastMs = nowMs
    if (aggregate.messages.size >= AGGREGATE_MAX_EVENTS) {
      aggregate.messages.delete(aggregate.messages.values().next().value!)
      identity = aggregateKey
      text = `(combined from similar events): ${message}`
    }
    const now = toRfc3339(nowMs)
    const existingName = this.seen.get(identity)
    const existing = existingName
      ? this.store.get<KubeEvent>('Event', namespace, existingName)
      : undefined
    if (existing) {
      this.store.updateOwned<KubeEvent>({
        ...existing,
        metadata: { ...existing.metadata },
        count: existing.count + 1,
        message: text,
        lastTimestamp: now,
      })
      return
    }
    const name = `${involved.metadata.name}.${this.prng.nextUint32().toString(16).padStart(8, '0')}${this.prng
      .nextUint32()
      .toString(16)
      .padStart(8, '0')}`
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
      },
      reason,
      message: text,
      type,
      source,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    }
    try {
      this.store.createOwned(event)
    } catch (e) {
      // The API server refused it (a namespace being deleted): client-go drops such events.
      if (e instanceof ApiError) return
      throw e
    }
    this.seen.set(identity, name)
    this.expiries.push({ namespace, name, identity, atMs: nowMs + EVENT_TTL_MS })
  }

  /**
   * Deletes the events whose hour has passed, oldest first. An event updated
   * since it was queued goes back to the end of the queue with its new expiry.
   */
  private expire(nowMs: number): void {
    while (
      this.expiryHead < this.expiries.length &&
      this.expiries[this.expiryHead]!.atMs <= nowMs
    ) {
      const entry = this.expiries[this.expiryHead++]!
      const event = this.store.get<KubeEvent>('Event', entry.namespace, entry.name)
      const lastMs = event ? fromRfc3339(event.lastTimestamp) : 0
      if (event && lastMs + EVENT_TTL_MS > nowMs) {
        this.expiries.push({ ...entry, atMs: lastMs + EVENT_TTL_MS })
        continue
      }
      if (event) this.store.remove(event)
      if (this.seen.get(entry.identity) === entry.name) this.seen.delete(entry.identity)
    }
    if (this.expiryHead > 4096 && this.expiryHead * 2 > this.expiries.length) {
      this.expiries.splice(0, this.expiryHead)
      this.expiryHead = 0
    }
    if (this.aggregates.size > 4 * this.seen.size + 1024) {
      for (const [key, a] of this.aggregates)
        if (nowMs - a.lastMs > AGGREGATE_INTERVAL_MS) this.aggregates.delete(key)
    }
  }
}
