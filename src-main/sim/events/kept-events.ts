import type { KubeEvent } from '../api/core'
import { hexNanos, toRfc3339 } from '../kernel/time'
import type { KeptObjects } from '../store/kept-objects'
import type { WatchEvent, WatchEventType } from '../store/watch-window'

/** A type, reason and source: one object each, shared by every event that has them. */
export interface Similar {
  readonly type: 'Normal' | 'Warning'
  readonly reason: string
  readonly source: { component: string; host?: string }
}

/**
 * One recorded event as the recorder keeps it: what is its own, with the parts
 * it shares with the object's other events held by reference. A stored Event
 * (two objects, a resourceVersion string and two map entries) costs twice this.
 */
export interface KeptEvent {
  /**
   * Nanoseconds past its creation's millisecond in its name, which is
   * `<object>.<hex nanoseconds>` (see `nameOf`): mostly 0, more for events
   * recorded within one virtual millisecond. A name kept as a string would
   * be a fifth of what an event costs.
   */
  readonly nanos: number
  readonly namespace: string
  readonly uid: string
  readonly similar: Similar
  readonly involvedObject: KubeEvent['involvedObject']
  resourceVersion: number
  /** Its place in its namespace's list while kept; -1 once it is not. */
  at: number
  /** Ms since the recorder started (small integers, kept in the object). */
  readonly createdAt: number
  lastAt: number
  count: number
  message: string
}

/** One namespace's events in the order they were recorded, with holes where some are gone. */
interface Recorded {
  readonly events: (KeptEvent | undefined)[]
  holes: number
}

/**
 * The recorder's events by namespace, in the order they were recorded, served
 * to the store as the Event kind's (`KeptObjects`). The recorder holds its
 * events themselves, so nothing here is looked up by name on the way in or out:
 * adding and dropping one touch no hash table. The index by name is built the
 * first time the API asks for one by name, and kept from then on. A read builds
 * the Event as the API server would return it.
 */
export class KeptEvents implements KeptObjects {
  private readonly namespaces = new Map<string, Recorded>()
  private count = 0
  /** By namespace then name, once something has asked by name. */
  private byName: Map<string, Map<string, KeptEvent>> | undefined

  constructor(
    /** The epoch ms that `createdAt` and `lastAt` count from. */
    private readonly startMs: number,
  ) {}

  get size(): number {
    return this.count
  }

  /** Whether `event` is still kept: not expired, and not taken over or deleted through the API. */
  holds(event: KeptEvent): boolean {
    return event.at >= 0
  }

  find(namespace: string, name: string): KeptEvent | undefined {
    if (!this.byName) {
      this.byName = new Map()
      for (const recorded of this.namespaces.values())
        for (const event of recorded.events) if (event) this.index(event)
    }
    return this.byName.get(namespace)?.get(name)
  }

  private index(event: KeptEvent): void {
    let names = this.byName!.get(event.namespace)
    if (!names) this.byName!.set(event.namespace, (names = new Map()))
    names.set(this.nameOf(event), event)
  }

  has(namespace: string, name: string): boolean {
    return this.find(namespace, name) !== undefined
  }

  add(event: KeptEvent): void {
    let recorded = this.namespaces.get(event.namespace)
    if (!recorded) this.namespaces.set(event.namespace, (recorded = { events: [], holes: 0 }))
    event.at = recorded.events.length
    recorded.events.push(event)
    this.count++
    if (this.byName) this.index(event)
  }

  delete(event: KeptEvent): void {
    const recorded = this.namespaces.get(event.namespace)
    if (!recorded || event.at < 0 || recorded.events[event.at] !== event) return
    recorded.events[event.at] = undefined
    event.at = -1
    this.count--
    this.byName?.get(event.namespace)?.delete(this.nameOf(event))
    // Events mostly go oldest first: close the holes once they are half the list.
    if (++recorded.holes > 1024 && recorded.holes * 2 > recorded.events.length) compact(recorded)
  }

  /** `<involved object>.<hex nanoseconds>`, as client-go names an event, so names sort by time. */
  nameOf(event: KeptEvent): string {
    return `${event.involvedObject.name}.${hexNanos(this.startMs + event.createdAt, event.nanos)}`
  }

  /** When it was last updated, as its `lastTimestamp` says it (to the second). */
  lastUpdatedMs(event: KeptEvent): number {
    return Math.floor((this.startMs + event.lastAt) / 1000) * 1000
  }

  get(namespace: string, name: string): KubeEvent | undefined {
    const event = this.find(namespace, name)
    return event && this.read(event)
  }

  *values(namespace?: string): IterableIterator<KubeEvent> {
    const lists =
      namespace === undefined ? this.namespaces.values() : [this.namespaces.get(namespace)]
    for (const recorded of lists)
      if (recorded) for (const event of recorded.events) if (event) yield this.read(event)
  }

  release(namespace: string, name: string): KubeEvent | undefined {
    const event = this.find(namespace, name)
    if (!event) return undefined
    this.delete(event)
    return this.read(event)
  }

  /** What a reader gets: frozen like every stored object, though it is a copy. */
  private read(event: KeptEvent): KubeEvent {
    const stored = this.build(
      event,
      String(event.resourceVersion),
      event.count,
      event.message,
      event.lastAt,
    )
    Object.freeze(stored.metadata)
    return Object.freeze(stored)
  }

  /**
   * A write of `event` as watchers hear of it, as it is now; `before`, its
   * `version` taken before the write, becomes the change's `old`. Nothing is
   * built unless a watcher reads it.
   */
  change(
    type: WatchEventType,
    event: KeptEvent,
    before?: KeptEventVersion,
    resourceVersion: number = event.resourceVersion,
  ): KeptEventChange {
    return new KeptEventChange(
      type,
      this,
      event,
      resourceVersion,
      event.count,
      event.message,
      event.lastAt,
      before,
    )
  }

  /** The parts of `event` a write changes, as they are now: the `old` of the next write. */
  version(event: KeptEvent): KeptEventVersion {
    return { resourceVersion: event.resourceVersion, message: event.message, lastAt: event.lastAt }
  }

  /**
   * The Event as the store would hold it, field for field in the order a write
   * stamps them, with the parts a write changes as given.
   */
  build(
    event: KeptEvent,
    resourceVersion: string,
    count: number,
    message: string,
    lastAt: number,
  ): KubeEvent {
    const created = toRfc3339(this.startMs + event.createdAt)
    const similar = event.similar
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: this.nameOf(event),
        namespace: event.namespace,
        uid: event.uid,
        // The store bumps an object without a spec at every write, and every
        // write of an event adds one to its count.
        generation: count,
        creationTimestamp: created,
        resourceVersion,
      },
      involvedObject: event.involvedObject,
      reason: similar.reason,
      message,
      type: similar.type,
      source: similar.source,
      count,
      firstTimestamp: created,
      lastTimestamp: toRfc3339(this.startMs + lastAt),
    }
  }
}

/** What a write of a kept event changes; its count goes up by one each time. */
export interface KeptEventVersion {
  readonly resourceVersion: number
  readonly message: string
  readonly lastAt: number
}

/**
 * One write of a kept event as the watch announces it. Its Events (`object`,
 * and `old` for a MODIFIED) are built the first time a watcher reads them,
 * from what the write left: most writes of events reach no watcher that
 * reads them, and building each would cost more than the write.
 */
export class KeptEventChange implements WatchEvent {
  readonly kept = true
  private built: KubeEvent | undefined
  private builtOld: KubeEvent | undefined

  constructor(
    readonly type: WatchEventType,
    private readonly events: KeptEvents,
    private readonly event: KeptEvent,
    private readonly resourceVersion: number,
    private readonly count: number,
    private readonly message: string,
    private readonly lastAt: number,
    private readonly before: KeptEventVersion | undefined,
  ) {}

  get object(): KubeEvent {
    return (this.built ??= this.events.build(
      this.event,
      String(this.resourceVersion),
      this.count,
      this.message,
      this.lastAt,
    ))
  }

  get old(): KubeEvent | undefined {
    const before = this.before
    if (!before) return undefined
    return (this.builtOld ??= this.events.build(
      this.event,
      String(before.resourceVersion),
      this.count - 1,
      before.message,
      before.lastAt,
    ))
  }
}

function compact(recorded: Recorded): void {
  const events = recorded.events
  let to = 0
  for (const event of events) {
    if (!event) continue
    event.at = to
    events[to++] = event
  }
  events.length = to
  recorded.holes = 0
}
