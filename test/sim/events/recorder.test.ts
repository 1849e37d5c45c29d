import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import type { WatchEvent } from '../../../src-main/sim/store/watch-window'
import { newSim } from '../../helpers/sim'

function setup(): { sim: Simulation; pod: Pod } {
  const sim = newSim()
  const pod = sim.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'a', image: 'nginx:1.27' }], nodeSelector: { nowhere: 'x' } },
  })
  return { sim, pod }
}

function events(sim: Simulation, reason: string): KubeEvent[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.reason === reason)
}

describe('the event recorder', () => {
  it('counts a repeated event instead of writing it again', () => {
    const { sim, pod } = setup()
    for (let i = 0; i < 3; i++) {
      sim.recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', {
        component: 'kubelet',
        host: 'n1',
      })
      sim.runFor(10_000)
    }
    const [event] = events(sim, 'BackOff')
    expect(event).toMatchObject({
      count: 3,
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:20Z',
    })
  })

  it('folds the tenth distinct message for one object and reason within 10 minutes into a combined event', () => {
    const { sim, pod } = setup()
    for (let i = 1; i <= 12; i++)
      sim.recorder.record(pod, 'Warning', 'Odd', `message ${i}`, { component: 'test' })
    const odd = events(sim, 'Odd')
    expect(odd.map((e) => `${e.count} ${e.message}`)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `1 message ${i + 1}`),
      '3 (combined from similar events): message 12',
    ])
  })

  it('starts a fresh aggregate after 10 quiet minutes', () => {
    const { sim, pod } = setup()
    for (let i = 1; i <= 9; i++)
      sim.recorder.record(pod, 'Warning', 'Odd', `message ${i}`, { component: 'test' })
    sim.runFor(601_000)
    sim.recorder.record(pod, 'Warning', 'Odd', 'message 10', { component: 'test' })
    expect(events(sim, 'Odd').some((e) => e.message.startsWith('(combined'))).toBe(false)
  })

  it('drops events an hour after their last update, as the API server does', () => {
    const { sim, pod } = setup()
    sim.recorder.record(pod, 'Normal', 'Old', 'once', { component: 'test' })
    sim.recorder.record(pod, 'Normal', 'Kept', 'again and again', { component: 'test' })
    sim.runFor(50 * 60_000)
    sim.recorder.record(pod, 'Normal', 'Kept', 'again and again', { component: 'test' })
    sim.runFor(11 * 60_000)
    sim.recorder.record(pod, 'Normal', 'New', 'now', { component: 'test' })
    expect(events(sim, 'Old')).toEqual([])
    expect(events(sim, 'Kept')[0]?.count).toBe(2)
    sim.runFor(50 * 60_000)
    sim.recorder.record(pod, 'Normal', 'New', 'now', { component: 'test' })
    expect(events(sim, 'Kept')).toEqual([])
  })

  it('writes a fresh event for a message seen again after its event expired', () => {
    const { sim, pod } = setup()
    sim.recorder.record(pod, 'Normal', 'Again', 'same words', { component: 'test' })
    sim.runFor(61 * 60_000)
    sim.recorder.record(pod, 'Normal', 'Again', 'same words', { component: 'test' })
    expect(events(sim, 'Again').map((e) => [e.count, e.firstTimestamp])).toEqual([
      [1, '2026-01-01T01:01:00Z'],
    ])
  })

  it('names events `<object>.<hex nanoseconds>` as client-go does, so names sort by time', () => {
    const { sim, pod } = setup()
    for (const reason of ['First', 'Second', 'Third']) {
      sim.recorder.record(pod, 'Normal', reason, reason, { component: 'test' })
      if (reason === 'Second') sim.runFor(1_500)
    }
    const names = ['First', 'Second', 'Third'].map((r) => events(sim, r)[0]!.metadata.name)
    // 2026-01-01T00:00:00Z in nanoseconds; two events within one instant take the next nanosecond.
    const start = 1_767_225_600_000_000_000n
    expect(names).toEqual([
      `p.${start.toString(16)}`,
      `p.${(start + 1n).toString(16)}`,
      `p.${(start + 1_500_000_000n).toString(16)}`,
    ])
  })
})

describe('the events the recorder keeps', () => {
  it('are served, watched and counted as stored Events, each write with its own resourceVersion', () => {
    const { sim, pod } = setup()
    const seen: { type: string; count: number; rv: number; name: string }[] = []
    sim.store.watch(
      ({ type, object }) =>
        seen.push({
          type,
          count: (object as KubeEvent).count,
          rv: Number(object.metadata.resourceVersion),
          name: object.metadata.name,
        }),
      ['Event'],
    )
    const before = sim.store.resourceVersion
    sim.recorder.record(pod, 'Warning', 'BackOff', 'Back-off', { component: 'kubelet' })
    sim.recorder.record(pod, 'Warning', 'BackOff', 'Back-off', { component: 'kubelet' })
    sim.runFor(3_600_000)
    sim.recorder.record(pod, 'Normal', 'Later', 'later', { component: 'kubelet' })
    const backOff = seen.filter((e) => e.name === seen[0]!.name)
    expect(backOff.map((e) => `${e.type} ${e.count}`)).toEqual([
      'ADDED 1',
      'MODIFIED 2',
      'DELETED 2',
    ])
    expect(backOff.slice(0, 2).map((e) => e.rv)).toEqual([before + 1, before + 2])
    // The expiry is a write of its own: the newest resourceVersion when it was made.
    expect(backOff[2]!.rv).toBeGreaterThan(before + 2)
    expect(new Set(seen.map((e) => e.rv)).size).toBe(seen.length)
    const [later] = events(sim, 'Later')
    expect(sim.store.get('Event', 'default', later!.metadata.name)).toEqual(later)
    expect(Object.isFrozen(later)).toBe(true)
    expect(sim.store.count('Event')).toBe(sim.store.list('Event').length)
  })

  it('announce each write as it was, even when a watcher reads it only after later writes', () => {
    const { sim, pod } = setup()
    const changes: WatchEvent[] = []
    // Kept, not read: as the watch window keeps them for a watch that starts behind.
    sim.store.watch((change) => changes.push(change), ['Event'])
    // What a read of the store gives at each write, by name and resourceVersion.
    const read = new Map<string, string>()
    sim.store.watch(
      ({ type, object }) => {
        const name = object.metadata.name
        if (type !== 'DELETED')
          read.set(
            `${name}@${object.metadata.resourceVersion}`,
            JSON.stringify(sim.store.get('Event', 'default', name)),
          )
      },
      ['Event'],
    )
    const at = (c: WatchEvent): string | undefined =>
      read.get(`${c.object.metadata.name}@${c.object.metadata.resourceVersion}`)
    sim.recorder.record(pod, 'Warning', 'BackOff', 'Back-off', { component: 'kubelet' })
    sim.runFor(5_000)
    sim.recorder.record(pod, 'Warning', 'BackOff', 'Back-off', { component: 'kubelet' })
    sim.runFor(3_600_000)
    sim.recorder.record(pod, 'Normal', 'Later', 'later', { component: 'kubelet' })
    const backOff = changes.filter(
      (c) => c.object.metadata.name === changes[0]!.object.metadata.name,
    )
    expect(backOff.every((c) => c.kept)).toBe(true)
    const [added, modified, deleted] = backOff as [WatchEvent, WatchEvent, WatchEvent]
    expect(JSON.stringify(added.object)).toBe(at(added))
    expect(JSON.stringify(modified.object)).toBe(at(modified))
    expect(modified.old).toEqual(added.object)
    expect((modified.object as KubeEvent).lastTimestamp).not.toBe(
      (added.object as KubeEvent).lastTimestamp,
    )
    expect(deleted.type).toBe('DELETED')
    expect(deleted.old).toBeUndefined()
    expect((deleted.object as KubeEvent).count).toBe(2)
    expect(Number(deleted.object.metadata.resourceVersion)).toBeGreaterThan(
      Number(modified.object.metadata.resourceVersion),
    )
  })

  it('become the API’s own once written through it, and go when deleted through it', () => {
    const { sim, pod } = setup()
    sim.recorder.record(pod, 'Normal', 'Edited', 'as recorded', { component: 'test' })
    sim.recorder.record(pod, 'Normal', 'Deleted', 'as recorded', { component: 'test' })
    const [edited] = events(sim, 'Edited')
    const [deleted] = events(sim, 'Deleted')
    const updated = sim.store.update({ ...edited!, message: 'edited by hand' })
    expect(updated.metadata.uid).toBe(edited!.metadata.uid)
    expect(sim.store.isKept(updated)).toBe(false)
    expect(sim.store.getByUid(updated.metadata.uid!)).toBe(updated)
    sim.store.delete({ kind: 'Event', namespace: 'default', name: deleted!.metadata.name })
    expect(events(sim, 'Edited').map((e) => e.message)).toEqual(['edited by hand'])
    expect(events(sim, 'Deleted')).toEqual([])
    // Recording the same again writes a fresh event: the recorder no longer holds the old ones.
    sim.recorder.record(pod, 'Normal', 'Deleted', 'as recorded', { component: 'test' })
    expect(events(sim, 'Deleted').map((e) => e.count)).toEqual([1])
  })

  it('are found by name before and after the first read by name, until they expire', () => {
    const { sim, pod } = setup()
    sim.recorder.record(pod, 'Normal', 'First', 'first', { component: 'test' })
    const [first] = events(sim, 'First')
    // The first read by name indexes what is kept; later events join the index.
    expect(sim.store.get('Event', 'default', first!.metadata.name)).toEqual(first)
    sim.runFor(30 * 60_000)
    sim.recorder.record(pod, 'Normal', 'Second', 'second', { component: 'test' })
    const [second] = events(sim, 'Second')
    expect(sim.store.get('Event', 'default', second!.metadata.name)).toEqual(second)
    sim.runFor(31 * 60_000)
    sim.recorder.record(pod, 'Normal', 'Third', 'third', { component: 'test' })
    expect(sim.store.get('Event', 'default', first!.metadata.name)).toBeUndefined()
    expect(sim.store.get('Event', 'default', second!.metadata.name)).toEqual(second)
    expect(events(sim, 'First')).toEqual([])
    expect(sim.store.count('Event')).toBe(sim.store.list('Event').length)
  })

  it('are refused in a namespace being deleted, as the API server refuses them', () => {
    const { sim, pod } = setup()
    sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } })
    const elsewhere = sim.store.create<Pod>({
      ...pod,
      metadata: { name: 'p', namespace: 'gone' },
    })
    sim.recorder.record(elsewhere, 'Normal', 'Before', 'before', { component: 'test' })
    sim.store.delete({ kind: 'Namespace', name: 'gone' })
    sim.recorder.record(elsewhere, 'Normal', 'After', 'after', { component: 'test' })
    expect(sim.store.list<KubeEvent>('Event', { namespace: 'gone' }).map((e) => e.reason)).toEqual([
      'Before',
    ])
    sim.runFor(60_000)
    expect(sim.store.list('Event', { namespace: 'gone' })).toEqual([])
  })
})
