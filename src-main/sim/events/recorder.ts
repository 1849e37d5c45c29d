import type { KubeObject } from '../api/meta'
import type { KubeEvent } from '../api/core'
import type { VirtualClock } from '../kernel/clock'
import { flatString, StringPool } from '../kernel/flat-string'
import { fromRfc3339, toRfc3339 } from '../kernel/time'
import { ApiError } from '../store/errors'
import { fewAdd, fewIncludes, fewRemove, fewShift, fewSize, fewValues, type Few } from './few'
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

/**
 * What the correlator remembers of one object's events of one type, reason and
 * source: the distinct messages seen within the aggregation window (client-go's
 * `aggregateRecord`), and the events written for them (its log; an event's
 * message tells which one it is).
 */
interface Group {
  readonly type: EventType
  readonly reason: string
  readonly source: EventSource
  /** Distinct messages in the current window, oldest first. */
  window: Few
  lastMs: number
  names: Few
  /** The `(combined from similar events)` event, once there is one. */
  combined?: string
}

interface Expiry {
  namespace: string
  name: string
  /** The involved object's key in `groups`. */
  objectKey: string
  group: Group
  atMs: number
}

/**
 * Records Kubernetes Events in the store as client-go's `EventCorrelator` does:
 * an event identical to an earlier one (same object, type, reason, source and
 * message) bumps its count and lastTimestamp; once an object has had 10
 * different messages for one reason within 10 minutes, the next ones are folded
 * into a single `(combined from similar events): …` event. Events expire an hour
 * after their last update, as with the API server's default event TTL. An event
 * is named `<object>.<hex nanoseconds>` as client-go names it, so names sort by time.
 */
export class EventRecorder {
  /** By involved object (its uid): what the correlator keeps, a handful of groups each. */
  private readonly groups = new Map<string, Group[]>()
  private readonly sources = new Map<string, EventSource>()
  private readonly expiries: Expiry[] = []
  private expiryHead = 0
  /** The last name's nanoseconds: events within one virtual millisecond still get distinct, ordered names. */
  private lastNanos = 0n
  /** Messages as stored: flat, and one copy of a text many objects share. */
  private readonly messages = new StringPool()

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
  ) {}

  record(
    involved: KubeObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
  ): void {
    message = this.messages.get(message)
    const nowMs = this.clock.nowMs()
    this.expire(nowMs)
    const meta = involved.metadata
    const namespace = meta.namespace ?? 'default'
    const objectKey = meta.uid ?? `${involved.kind}/${namespace}/${meta.name}`
    const group = this.groupFor(objectKey, type, reason, this.shared(source))
    // A quiet spell longer than the interval starts a fresh window (`EventAggregate`).
    if (nowMs - group.lastMs > AGGREGATE_INTERVAL_MS) group.window = undefined
    if (!fewIncludes(group.window, message)) group.window = fewAdd(group.window, message)
    group.lastMs = nowMs
    let combined = false
    let text = message
    if (fewSize(group.window) >= AGGREGATE_MAX_EVENTS) {
      group.window = fewShift(group.window)
      combined = true
      text = flatString(`(combined from similar events): ${message}`)
    }
    const now = toRfc3339(nowMs)
    const existing = combined
      ? group.combined && this.store.get<KubeEvent>('Event', namespace, group.combined)
      : this.eventWithMessage(group, namespace, message)
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
    const name = flatString(`${meta.name}.${this.nanos(nowMs).toString(16)}`)
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
      },
      reason,
      message: text,
      type,
      source: group.source,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    }
    try {
      this.store.createOwned(event)
    } catch (e) {
      // The API server refused it (a namespace being deleted): client-go drops such events.
      if (!(e instanceof ApiError)) throw e
      this.dropIfUnused(objectKey, group)
      return
    }
    if (combined) group.combined = name
    else group.names = fewAdd(group.names, name)
    this.expiries.push({ namespace, name, objectKey, group, atMs: nowMs + EVENT_TTL_MS })
  }

  private eventWithMessage(
    group: Group,
    namespace: string,
    message: string,
  ): KubeEvent | undefined {
    for (const name of fewValues(group.names)) {
      const event = this.store.get<KubeEvent>('Event', namespace, name)
      if (event?.message === message) return event
    }
    return undefined
  }

  private groupFor(objectKey: string, type: EventType, reason: string, source: EventSource): Group {
    const list = this.groups.get(objectKey)
    if (list)
      for (const g of list)
        if (g.type === type && g.reason === reason && g.source === source) return g
    const group: Group = {
      type,
      reason,
      source,
      window: undefined,
      lastMs: this.clock.nowMs(),
      names: undefined,
    }
    if (list) list.push(group)
    else this.groups.set(objectKey, [group])
    return group
  }

  /** One source object per component and host, shared by all their events. */
  private shared(source: EventSource): EventSource {
    const key =
      source.host === undefined ? source.component : `${source.component}\u0000${source.host}`
    let found = this.sources.get(key)
    if (!found) {
      found =
        source.host === undefined
          ? { component: source.component }
          : { component: source.component, host: source.host }
      this.sources.set(key, found)
    }
    return found
  }

  private nanos(nowMs: number): bigint {
    const at = BigInt(nowMs) * 1_000_000n
    this.lastNanos = at > this.lastNanos ? at : this.lastNanos + 1n
    return this.lastNanos
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
      this.forget(entry)
    }
    if (this.expiryHead > 4096 && this.expiryHead * 2 > this.expiries.length) {
      this.expiries.splice(0, this.expiryHead)
      this.expiryHead = 0
    }
  }

  /** Drops an expired event from its group, and the group once none of its events is left. */
  private forget(entry: Expiry): void {
    const group = entry.group
    if (group.combined === entry.name) group.combined = undefined
    else group.names = fewRemove(group.names, entry.name)
    this.dropIfUnused(entry.objectKey, group)
  }

  private dropIfUnused(objectKey: string, group: Group): void {
    if (group.names !== undefined || group.combined !== undefined) return
    const list = this.groups.get(objectKey)
    if (!list) return
    const i = list.indexOf(group)
    if (i >= 0) list.splice(i, 1)
    if (list.length === 0) this.groups.delete(objectKey)
  }
}
