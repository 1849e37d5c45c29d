import { beforeEach, describe, expect, it } from 'vitest'
import type { ConfigMap } from '../../../src-main/sim/api/core'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { ApiError } from '../../../src-main/sim/store/errors'
import { ObjectStore, type WatchEvent } from '../../../src-main/sim/store/store'

let store: ObjectStore

const cm = (name: string, labels: Record<string, string> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data: { v: '1' },
})

beforeEach(() => {
  store = new ObjectStore(new VirtualClock(1_767_225_600_000), new Prng(1), true, {
    watchWindow: 8,
  })
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
})

const line = (e: WatchEvent): string =>
  `${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('watch from a resourceVersion', () => {
  it('replays every change after it, then goes live, in order', () => {
    const a = store.create(cm('a'))
    const from = a.metadata.resourceVersion!
    const b = store.create(cm('b'))
    store.update({ ...b, data: { v: '2' } })
    store.delete({ kind: 'ConfigMap', namespace: 'default', name: 'a' })
    const seen: string[] = []
    store.watch((e) => seen.push(line(e)), ['ConfigMap'], { resourceVersion: from })
    store.create(cm('c'))
    const rv = Number(from)
    expect(seen).toEqual([
      `ADDED b@${rv + 1}`,
      `MODIFIED b@${rv + 2}`,
      `DELETED a@${rv + 3}`,
      `ADDED c@${rv + 4}`,
    ])
  })

  it('keeps order when a listener writes while the replay runs', () => {
    const a = store.create(cm('a'))
    store.create(cm('b'))
    const seen: string[] = []
    store.watch(
      (e) => {
        seen.push(line(e))
        if (e.object.metadata.name === 'b') store.create(cm('from-listener'))
      },
      ['ConfigMap'],
      { resourceVersion: a.metadata.resourceVersion },
    )
    expect(seen.map((s) => s.split('@')[0])).toEqual(['ADDED b', 'ADDED from-listener'])
  })

  it('starts from the current state with resourceVersion 0', () => {
    store.create(cm('a'))
    store.create(cm('b'))
    const seen: string[] = []
    store.watch((e) => seen.push(`${e.type} ${e.object.metadata.name}`), ['ConfigMap'], {
      resourceVersion: '0',
    })
    expect(seen).toEqual(['ADDED a', 'ADDED b'])
  })

  it('answers 410 Gone for a resourceVersion older than the window', () => {
    const first = store.create(cm('first'))
    for (let i = 0; i < 10; i++) store.create(cm(`n${i}`))
    const e = apiError(() =>
      store.watch(() => undefined, ['ConfigMap'], {
        resourceVersion: first.metadata.resourceVersion,
      }),
    )
    expect(e.code).toBe(410)
    expect(e.reason).toBe('Expired')
    const oldest = store.resourceVersion - 8 + 1
    expect(e.message).toBe(
      `too old resource version: ${first.metadata.resourceVersion} (${oldest - 1})`,
    )
  })

  it('answers a resourceVersion from the future with a timeout', () => {
    const e = apiError(() => store.watch(() => undefined, undefined, { resourceVersion: '999' }))
    expect(e.code).toBe(504)
    expect(e.message).toBe(
      `Timeout: Too large resource version: 999, current: ${store.resourceVersion}`,
    )
  })

  it('keeps the plain watch(handler, kinds) working', () => {
    const seen: string[] = []
    const stop = store.watch((e) => seen.push(line(e)), ['ConfigMap'])
    const a = store.create(cm('a'))
    stop()
    store.create(cm('b'))
    expect(seen).toEqual([`ADDED a@${a.metadata.resourceVersion}`])
  })
})

describe('a filtered watch', () => {
  it('sees an object that starts to match as ADDED and one that stops as DELETED', () => {
    const seen: string[] = []
    store.watch((e) => seen.push(`${e.type} ${e.object.metadata.name}`), ['ConfigMap'], {
      labelSelector: 'app=web',
    })
    const a = store.create(cm('a', { app: 'api' }))
    const a2 = store.update({ ...a, metadata: { ...a.metadata, labels: { app: 'web' } } })
    const a3 = store.update({ ...a2, data: { v: '2' } })
    store.update({ ...a3, metadata: { ...a3.metadata, labels: { app: 'api' } } })
    store.create(cm('b', { app: 'web' }))
    store.delete({ kind: 'ConfigMap', namespace: 'default', name: 'b' })
    expect(seen).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a', 'ADDED b', 'DELETED b'])
  })

  it('refuses a bad selector when the watch starts', () => {
    const e = apiError(() =>
      store.watch(() => undefined, ['ConfigMap'], { fieldSelector: 'data.v=1' }),
    )
    expect(e.message).toBe(
      '"data.v" is not a known field selector: only "metadata.name", "metadata.namespace"',
    )
  })
})
