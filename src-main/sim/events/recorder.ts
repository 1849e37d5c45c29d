import type { KubeObject } from '../api/meta'
import type { KubeEvent } from '../api/core'
import type { VirtualClock } from '../kernel/clock'
import { flatString, StringPool } from '../kernel/flat-string'
import { hexNanos } from '../kernel/time'
import { ApiError } from '../store/errors'
import { fewAdd, fewIncludes, fewRemove, fewShift, fewSize, fewValues, type Few } from './few'
import { KeptEvents, type KeptEvent, type Similar } from './kept-events'
import type { ObjectStore } from '../store/store'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  component: string
  host?: string
}

/** `EventAggregator` defaults: 10 distinct messages within 10 minutes are combined. */
const AGGREGATE_MAX_EVENTS = 10
const AGGREGATE_INTERVAL_MS = 600_000
const SMALL_INTEGER = 2 ** 30

/** The API server's `--event-ttl`: an event not updated for an hour is gone. */
export const EVENT_TTL_MS = 3_600_000

/**
 * What the correlator remembers of one object's events of one type, reason and
 * source: the distinct messages seen within the aggregation window (client-go's
 * `aggregateRecord`), and the events written for them (its log; an event's
 * message tells which one it is).
 */
interface Group {
  readonly object: Involved
  readonly similar: Similar
  /** Distinct messages in the current window, oldest first. */
  window: Few<string>
  /**
   * The last message's time, in ms since the recorder started: a small integer
   * is stored in the object, where a timestamp would be boxed in 16 more bytes.
   */
  lastAt: number
  /** The events written for the messages, while the recorder keeps them. */
  events: Few<KeptEvent>
  /** The `(combined from similar events)` event, once there is one. */
  combined: KeptEvent | undefined
}

/** A shared source, and the `Similar`s of its reasons by type. */
interface SourceEntry {
  readonly source: EventSource
  readonly normal: Map<string, Similar>
  readonly warning: Map<string, Similar>
}

/** One involved object's groups, and the `involvedObject` all its events share. */
interface Involved {
  /** Its key in `groups`. */
  readonly key: string
  readonly namespace: string
  readonly ref: KubeEvent['involvedObject']
  /** Replaced by `concat`, which sizes exactly: `push` and spreading reserve room for 16 more. */
  groups: readonly Group[]
}

/**
 * Records Kubernetes Events as client-go's `EventCorrelator` does:
 * an event identical to an earlier one (same object, type, reason, source and
 * message) bumps its count and lastTimestamp; once an object has had 10
 * different messages for one reason within 10 minutes, the next ones are folded
 * into a single `(combined from similar events): …` event. Events expire an hour
 * after their last update, as with the API server's default event TTL. An event
 * is named `<object>.<hex nanoseconds>` as client-go names it, so names sort by time.
 * The recorder keeps its events itself (`KeptEvents`) and the store serves them
 * as the Event kind's: there are five or more for every pod, and as stored
 * objects they would hold a third of a large cluster's memory.
 */
export class EventRecorder {
  /** By involved object (its uid): what the correlator keeps, a handful of groups each. */
  private readonly groups = new Map<string, Involved>()
  private readonly sources = new Map<string, Map<string, SourceEntry>>()
  private readonly startMs: number
  /**
   * The expiry queue, oldest first, as three columns (the event, its group,
   * when it expires): one entry per kept event, so an object each would cost
   * some 70 bytes more.
   */
  private readonly expiryEvents: KeptEvent[] = []
  private readonly expiryGroups: Group[] = []
  private readonly expiryAt: number[] = []
  private expiryHead = 0
  /**
   * The last name's time, as ms and nanoseconds past them: events within one
   * virtual millisecond still get distinct, ordered names.
   */
  private lastMs = 0
  private lastExtraNanos = 0
  /** Messages as stored: flat, and one copy of a text many objects share. */
  private readonly messages = new StringPool()
  private readonly kept: KeptEvents

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
  ) {
    this.startMs = clock.nowMs()
    this.kept = new KeptEvents(this.startMs)
    store.keep('Event', this.kept)
  }

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
    const group = this.groupFor(
      this.involvedFor(objectKey, namespace, involved),
      this.similar(type, reason, source),
    )
    const at = this.sinceStart(nowMs)
    // A quiet spell longer than the interval starts a fresh window (`EventAggregate`).
    if (at - group.lastAt > AGGREGATE_INTERVAL_MS) group.window = undefined
    if (!fewIncludes(group.window, message)) group.window = fewAdd(group.window, message)
    group.lastAt = at
    let combined = false
    let text = message
    if (fewSize(group.window) >= AGGREGATE_MAX_EVENTS) {
      group.window = fewShift(group.window)
      combined = true
      text = flatString(`(combined from similar events): ${message}`)
    }
    const existing = combined
      ? group.combined !== undefined && this.kept.holds(group.combined)
        ? group.combined
        : undefined
      : this.withMessage(group, message)
    if (existing) {
      this.store.writeKept('Event', (resourceVersion) => {
        const before = this.kept.version(existing)
        existing.resourceVersion = resourceVersion
        existing.count++
        existing.message = text
        existing.lastAt = at
        return this.kept.change('MODIFIED', existing, before)
      })
      return
    }
    const nanos = this.nanos(nowMs)
    try {
      this.store.admitKeptCreate(
        'Event',
        'v1',
        namespace,
        () => `${meta.name}.${hexNanos(nowMs, nanos)}`,
      )
    } catch (e) {
      // The API server refused it (a namespace being deleted): client-go drops such events.
      if (!(e instanceof ApiError)) throw e
      this.dropIfUnused(group)
      return
    }
    const event: KeptEvent = {
      nanos,
      namespace,
      uid: this.store.newUid(),
      similar: group.similar,
      involvedObject: sameRef(group.object.ref, involved) ? group.object.ref : refTo(involved),
      resourceVersion: 0,
      at: -1,
      createdAt: at,
      lastAt: at,
      count: 1,
      message: text,
    }
    this.store.writeKept('Event', (resourceVersion) => {
      event.resourceVersion = resourceVersion
      this.kept.add(event)
      return this.kept.change('ADDED', event)
    })
    if (combined) group.combined = event
    else group.events = fewAdd(group.events, event)
    this.queueExpiry(event, group, nowMs + EVENT_TTL_MS)
  }

  private withMessage(group: Group, message: string): KeptEvent | undefined {
    for (const event of fewValues(group.events))
      if (event.message === message && this.kept.holds(event)) return event
    return undefined
  }

  private involvedFor(key: string, namespace: string, involved: KubeObject): Involved {
    let found = this.groups.get(key)
    if (!found) {
      found = { key, namespace, ref: refTo(involved), groups: [] }
      this.groups.set(key, found)
    }
    return found
  }

  /**
   * Ms since the recorder started, as a small integer while it fits one (some
   * 12 days): V8 keeps a field that has only held small integers in the object.
   */
  private sinceStart(nowMs: number): number {
    const at = nowMs - this.startMs
    return at >= 0 && at < SMALL_INTEGER ? at | 0 : at
  }

  private groupFor(object: Involved, similar: Similar): Group {
    for (const g of object.groups) if (g.similar === similar) return g
    const group: Group = {
      object,
      similar,
      window: undefined,
      lastAt: this.sinceStart(this.clock.nowMs()),
      events: undefined,
      combined: undefined,
    }
    object.groups = object.groups.concat(group)
    return group
  }

  /**
   * The shared type, reason and source of an event, and one source object per
   * component and host for all their events; found by component, host, then
   * reason, without building a key string on every event.
   */
  private similar(type: EventType, reason: string, source: EventSource): Similar {
    let byHost = this.sources.get(source.component)
    if (!byHost) this.sources.set(source.component, (byHost = new Map()))
    // A source without a host is kept under the empty host, which no node has.
    const host = source.host ?? ''
    let entry = byHost.get(host)
    if (!entry) {
      const shared =
        source.host === undefined
          ? { component: source.component }
          : { component: source.component, host: source.host }
      entry = { source: shared, normal: new Map(), warning: new Map() }
      byHost.set(host, entry)
    }
    const byReason = type === 'Normal' ? entry.normal : entry.warning
    let found = byReason.get(reason)
    if (!found) byReason.set(reason, (found = { type, reason, source: entry.source }))
    return found
  }

  /**
   * The next name's time, in nanoseconds past `nowMs`'s millisecond: now, or
   * just after the last one.
   */
  private nanos(nowMs: number): number {
    if ((nowMs - this.lastMs) * 1_000_000 > this.lastExtraNanos) {
      this.lastMs = nowMs
      this.lastExtraNanos = 0
    } else this.lastExtraNanos++
    return (this.lastMs - nowMs) * 1_000_000 + this.lastExtraNanos
  }

  /**
   * Deletes the events whose hour has passed, oldest first. An event updated
   * since it was queued goes back to the end of the queue with its new expiry.
   */
  private expire(nowMs: number): void {
    while (this.expiryHead < this.expiryAt.length && this.expiryAt[this.expiryHead]! <= nowMs) {
      const at = this.expiryHead++
      const event = this.expiryEvents[at]!
      const group = this.expiryGroups[at]!
      const held = this.kept.holds(event)
      const lastMs = held ? this.kept.lastUpdatedMs(event) : 0
      if (held && lastMs + EVENT_TTL_MS > nowMs) {
        this.queueExpiry(event, group, lastMs + EVENT_TTL_MS)
        continue
      }
      if (held) {
        this.store.writeKept('Event', (resourceVersion) => {
          this.kept.delete(event)
          // A deletion is announced with its own resourceVersion; the event keeps its last.
          return this.kept.change('DELETED', event, undefined, resourceVersion)
        })
      }
      this.forget(event, group)
    }
    if (this.expiryHead > 4096 && this.expiryHead * 2 > this.expiryAt.length) {
      this.expiryEvents.splice(0, this.expiryHead)
      this.expiryGroups.splice(0, this.expiryHead)
      this.expiryAt.splice(0, this.expiryHead)
      this.expiryHead = 0
    }
  }

  private queueExpiry(event: KeptEvent, group: Group, atMs: number): void {
    this.expiryEvents.push(event)
    this.expiryGroups.push(group)
    this.expiryAt.push(atMs)
  }

  /** Drops an expired event from its group, and the group once none of its events is left. */
  private forget(event: KeptEvent, group: Group): void {
    if (group.combined === event) group.combined = undefined
    else group.events = fewRemove(group.events, event)
    this.dropIfUnused(group)
  }

  private dropIfUnused(group: Group): void {
    if (group.events !== undefined || group.combined !== undefined) return
    const object = group.object
    object.groups = object.groups.filter((g) => g !== group)
    if (object.groups.length === 0 && this.groups.get(object.key) === object)
      this.groups.delete(object.key)
  }
}

/** The `involvedObject` of an event about `involved`. */
function refTo(involved: KubeObject): KubeEvent['involvedObject'] {
  const meta = involved.metadata
  return {
    apiVersion: involved.apiVersion,
    kind: involved.kind,
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
  }
}

/**
 * Whether `ref` still describes `involved`: all of an object's events share one
 * reference, unless one without a uid comes back under another apiVersion.
 */
function sameRef(ref: KubeEvent['involvedObject'], involved: KubeObject): boolean {
  const meta = involved.metadata
  return (
    ref.apiVersion === involved.apiVersion &&
    ref.kind === involved.kind &&
    ref.namespace === meta.namespace &&
    ref.name === meta.name &&
    ref.uid === meta.uid
  )
}
