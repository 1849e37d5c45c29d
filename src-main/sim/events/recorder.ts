import type { KubeObject } from '../api/meta'
import type { KubeEvent } from '../api/core'
import type { VirtualClock } from '../kernel/clock'
import type { Prng } from '../kernel/prng'
import { toRfc3339 } from '../kernel/time'
import type { ObjectStore } from '../store/store'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  component: string
  host?: string
}

/**
 * Records Kubernetes Events in the store, de-duplicated as client-go's
 * `EventCorrelator` does: an event identical to an earlier one for the same object
 * (same type, reason, message and source) bumps its count and lastTimestamp.
 */
export class EventRecorder {
  private readonly seen = new Map<string, string>()

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
    const namespace = involved.metadata.namespace ?? 'default'
    const identity = `${involved.metadata.uid}\u0000${type}\u0000${reason}\u0000${source.component}\u0000${source.host ?? ''}\u0000${message}`
    const now = toRfc3339(this.clock.nowMs())
    const existingName = this.seen.get(identity)
    const existing = existingName
      ? this.store.get<KubeEvent>('Event', namespace, existingName)
      : undefined
    if (existing) {
      this.store.updateOwned<KubeEvent>({
        ...existing,
        metadata: { ...existing.metadata },
        count: existing.count + 1,
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
      message,
      type,
      source,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    }
    this.store.createOwned(event)
    this.seen.set(identity, name)
  }
}
