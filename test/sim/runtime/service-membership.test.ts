import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Pod, Service } from '../../../src-main/sim/api/core'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { ServiceMembership } from '../../../src-main/sim/runtime/service-membership'
import { ObjectStore } from '../../../src-main/sim/store/store'

let store: ObjectStore
let index: ServiceMembership
let touched: string[]

const pod = (name: string, labels: Record<string, string>, namespace = 'default'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
})

const service = (
  name: string,
  selector: Record<string, string> | undefined,
  namespace = 'default',
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector, ports: [{ port: 80 }] },
})

const members = (name: string, namespace = 'default'): string[] =>
  [...index.pods(namespace, name)].map((p) => p.metadata.name).sort()

beforeEach(() => {
  store = new ObjectStore(new VirtualClock(0), new Prng(1))
  for (const name of ['default', 'other'])
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
  index = ServiceMembership.of(store)
  touched = []
  index.subscribe((namespace, svc) => touched.push(`${namespace}/${svc}`))
})

describe('ServiceMembership', () => {
  it('lists a namespace once, for its first Service with a selector, and never again', () => {
    store.create(pod('web-1', { app: 'web', tier: 'front' }))
    store.create(pod('web-2', { app: 'web' }))
    store.create(pod('db-1', { app: 'db' }))
    store.create(pod('web-3', { app: 'web', tier: 'front' }, 'other'))
    const list = vi.spyOn(store, 'list')
    store.create(service('front', { app: 'web', tier: 'front' }))
    expect(list).toHaveBeenCalledTimes(1)
    expect(list).toHaveBeenCalledWith('Pod', { namespace: 'default' })
    store.create(service('all-web', { app: 'web' }))
    store.create(pod('web-4', { app: 'web' }))
    expect(list).toHaveBeenCalledTimes(1)
    expect(members('front')).toEqual(['web-1'])
    expect(members('all-web')).toEqual(['web-1', 'web-2', 'web-4'])
  })

  it("tells only the Services whose selectors match a pod's change", () => {
    for (let i = 0; i < 20; i++) store.create(service(`svc-${i}`, { app: `app-${i}` }))
    store.create(service('none', undefined))
    store.create(service('empty', {}))
    touched = []
    const created = store.create(pod('p', { app: 'app-7' }))
    expect(touched).toEqual(['default/svc-7'])
    touched = []
    store.update({ ...created, metadata: { ...created.metadata, labels: { app: 'app-9' } } })
    expect(touched.sort()).toEqual(['default/svc-7', 'default/svc-9'])
    expect(members('svc-7')).toEqual([])
    expect(members('svc-9')).toEqual(['p'])
    expect(members('none')).toEqual([])
    expect(members('empty')).toEqual([])
  })

  it('stays quiet for status writes that change nothing endpoints show', () => {
    store.create(service('web', { app: 'web' }))
    const created = store.create(pod('p', { app: 'web' }))
    touched = []
    const withMessage = store.updateStatus<Pod>({
      ...created,
      status: { phase: 'Pending', message: 'pulling' },
    })
    expect(touched).toEqual([])
    store.updateStatus<Pod>({ ...withMessage, status: { phase: 'Running', podIP: '10.244.1.5' } })
    expect(touched).toEqual(['default/web'])
  })

  it('follows a selector change, and forgets a deleted Service and a deleted pod', () => {
    store.create(pod('a', { app: 'a' }))
    store.create(pod('b', { app: 'b' }))
    const svc = store.create(service('web', { app: 'a' }))
    store.update({ ...svc, spec: { ...svc.spec, selector: { app: 'b' } } })
    expect(members('web')).toEqual(['b'])
    store.delete({ kind: 'Pod', namespace: 'default', name: 'b' })
    expect(members('web')).toEqual([])
    store.delete({ kind: 'Service', namespace: 'default', name: 'web' })
    touched = []
    store.create(pod('b', { app: 'b' }))
    expect(touched).toEqual([])
  })
})
