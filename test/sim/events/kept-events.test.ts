import { describe, expect, it } from 'vitest'
import { KeptEvents, type KeptEvent, type Similar } from '../../../src-main/sim/events/kept-events'

const similar: Similar = { type: 'Normal', reason: 'Test', source: { component: 'test' } }

/** Recorded `i` ms after the epoch the tests' keepers count from (0), and so named. */
function event(i: number, namespace = 'default'): KeptEvent {
  return {
    nanos: 0,
    namespace,
    uid: `uid-${i}`,
    similar,
    involvedObject: { kind: 'Pod', namespace, name: `pod-${i}` },
    resourceVersion: i + 1,
    at: -1,
    createdAt: i,
    lastAt: i,
    count: 1,
    message: `message ${i}`,
  }
}

describe('the events the recorder keeps', () => {
  it('lists what is kept in the order it was recorded, through the holes of those gone', () => {
    const kept = new KeptEvents(0)
    const events = Array.from({ length: 5000 }, (_, i) => event(i, i % 2 ? 'a' : 'b'))
    for (const e of events) kept.add(e)
    // Mostly oldest first, as they expire, and some out of turn, as the API deletes them.
    for (const e of events.slice(0, 3000)) kept.delete(e)
    kept.delete(events[4321]!)
    const left = events.slice(3000).filter((e) => e !== events[4321])
    expect(kept.size).toBe(left.length)
    expect([...kept.values()].map((e) => e.metadata.name)).toEqual([
      ...left.filter((e) => e.namespace === 'b').map((e) => kept.nameOf(e)),
      ...left.filter((e) => e.namespace === 'a').map((e) => kept.nameOf(e)),
    ])
    expect([...kept.values('a')]).toHaveLength(left.filter((e) => e.namespace === 'a').length)
    expect(events.every((e) => kept.holds(e) === left.includes(e))).toBe(true)
  })

  it('finds by name before and after its index is built, and forgets what is released', () => {
    const kept = new KeptEvents(0)
    for (let i = 0; i < 10; i++) kept.add(event(i))
    // 3 ms is 3,000,000 ns: 0x2dc6c0.
    expect(kept.get('default', 'pod-3.2dc6c0')?.message).toBe('message 3')
    kept.add(event(10))
    expect(kept.find('default', 'pod-10.989680')?.uid).toBe('uid-10')
    expect(kept.release('default', 'pod-3.2dc6c0')?.metadata.uid).toBe('uid-3')
    expect(kept.has('default', 'pod-3.2dc6c0')).toBe(false)
    expect(kept.get('elsewhere', 'pod-4.3d0900')).toBeUndefined()
    expect(kept.size).toBe(10)
  })

  it('reads as the Event the API server would return, frozen', () => {
    const kept = new KeptEvents(Date.UTC(2026, 0, 1))
    const e = event(1)
    e.lastAt = 61_000
    e.count = 3
    kept.add(e)
    const read = kept.get('default', kept.nameOf(e))!
    expect(read).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `pod-1.${(BigInt(Date.UTC(2026, 0, 1) + 1) * 1_000_000n).toString(16)}`,
        namespace: 'default',
        uid: 'uid-1',
        generation: 3,
        creationTimestamp: '2026-01-01T00:00:00Z',
        resourceVersion: '2',
      },
      involvedObject: e.involvedObject,
      reason: 'Test',
      message: 'message 1',
      type: 'Normal',
      source: { component: 'test' },
      count: 3,
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:01:01Z',
    })
    expect(Object.isFrozen(read) && Object.isFrozen(read.metadata)).toBe(true)
    expect(kept.lastUpdatedMs(e)).toBe(Date.UTC(2026, 0, 1, 0, 1, 1))
  })
})
