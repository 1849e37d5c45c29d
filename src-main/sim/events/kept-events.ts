import type { KubeEvent } from '../api/core'
import { toRfc3339 } from '../kernel/time'
import type { KeptObjects } from '../store/kept-objects'

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
  readonly name: string
  readonly namespace: string
  readonly uid: string
  readonly similar: Similar
  readonly involvedObject: KubeEvent['involvedObject']
  resourceVersion: number
  /** Ms since the recorder started (small integers, kept in the object). */
  readonly createdAt: number
  lastAt: number
  count: number
  message: string
}

/**
 * The recorder's events by namespace then name, in the order they were
 * recorded, served to the store as the Event kind's (`KeptObjects`). A read
 * builds the Event as the API server would return it.
 */
export class KeptEvents implements KeptObjects {
  private readonly namespaces = new Map<string, Map<string, KeptEvent>>()
  private count = 0

  constructor(
    /** The epoch ms that `createdAt` and `lastAt` count from. */
    private readonly startMs: number,
  ) {}

  get size(): number {
    return this.count
  }

  find(namespace: string, name: string): KeptEvent | undefined {
    return this.namespaces.get(namespace)?.get(name)
  }

  has(namespace: string, name: string): boolean {
    return this.find(namespace, name) !== undefined
  }

  add(event: KeptEvent): void {
    let names = this.namespaces.get(event.namespace)
    if (!names) this.namespaces.set(event.namespace, (names = new Map()))
    names.set(event.name, event)
    this.count++
  }

  delete(event: KeptEvent): void {
    if (this.namespaces.get(event.namespace)?.delete(event.name)) this.count--
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
    for (const names of lists) if (names) for (const event of names.values()) yield this.read(event)
  }

  release(namespace: string, name: string): KubeEvent | undefined {
    const event = this.find(namespace, name)
    if (!event) return undefined
    this.delete(event)
    return this.read(event)
  }

  /** What a reader gets: frozen like every stored object, though it is a copy. */
  private read(event: KeptEvent): KubeEvent {
    const stored = this.stored(event)
    Object.freeze(stored.metadata)
    return Object.freeze(stored)
  }

  /**
   * The Event as the store would hold it, field for field in the order a write
   * stamps them; `resourceVersion` overrides its own (a deletion's).
   */
  stored(event: KeptEvent, resourceVersion = String(event.resourceVersion)): KubeEvent {
    const created = toRfc3339(this.startMs + event.createdAt)
    const similar = event.similar
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: event.name,
        namespace: event.namespace,
        uid: event.uid,
        // The store bumps an object without a spec at every write, and every
        // write of an event adds one to its count.
        generation: event.count,
        creationTimestamp: created,
        resourceVersion,
      },
      involvedObject: event.involvedObject,
      reason: similar.reason,
      message: event.message,
      type: similar.type,
      source: similar.source,
      count: event.count,
      firstTimestamp: created,
      lastTimestamp: toRfc3339(this.startMs + event.lastAt),
    }
  }
}
