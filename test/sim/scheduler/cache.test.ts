import { describe, expect, it } from 'vitest'
import type { Node, Pod, Service } from '../../../src-main/sim/api/core'
import { SchedulerCache } from '../../../src-main/sim/scheduler/cache/cache'
import { NodeCounts } from '../../../src-main/sim/scheduler/cache/node-counts'
import { C, H } from '../../../src-main/sim/scheduler/cache/node-table'
import type { Simulation } from '../../../src-main/sim/simulation'
import { newSim } from '../../helpers/sim'
import { WORKERS, createPods, fixturePod, patchNode } from './helpers'

const ZONE = 'topology.kubernetes.io/zone'

/** A cache of its own over the simulation's store, kept current by the same watch as the scheduler's. */
function cacheOf(sim: Simulation): SchedulerCache {
  return new SchedulerCache(sim.store)
}

function pinned(name: string, node: string): Pod {
  return fixturePod('pod.yaml', name, (p) => {
    p.spec.nodeSelector = { 'kubernetes.io/hostname': node }
  })
}

/** Each domain's count as `byValue` holds it, read back through the node rows and `byId`. */
function countsByNodeDomain(cache: SchedulerCache, counts: NodeCounts, key: string) {
  const domains = cache.topologyKey(key)
  const dc = cache.domainCounts(counts, key)
  const viaRows: Record<string, number> = {}
  for (const node of cache.all()) {
    const id = domains.ids[node.row]!
    if (id >= 0 && dc.byId[id]! > 0) viaRows[domains.values[id]!] = dc.byId[id]!
  }
  return { viaRows, byValue: Object.fromEntries(dc.byValue) }
}

describe('SchedulerCache', () => {
  it('numbers each topology domain and finds a node’s through its row', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    const zones = cache.topologyKey(ZONE)
    const zoneOf = (name: string) => zones.values[zones.ids[cache.get(name)!.row]!]
    expect(WORKERS.map(zoneOf)).toEqual(['zone-a', 'zone-b', 'zone-b'])
    expect(zones.size).toBe(2)
    expect(zones.withKey).toBe(4)
  })

  it('moves a relabelled node to its new domain and drops one without the key', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    const zones = cache.topologyKey(ZONE)
    patchNode(sim, 'drydock-worker3', (n) => (n.metadata.labels![ZONE] = 'zone-c'))
    expect(zones.values[zones.ids[cache.get('drydock-worker3')!.row]!]).toBe('zone-c')
    expect(zones.size).toBe(3)
    patchNode(sim, 'drydock-worker2', (n) => delete n.metadata.labels![ZONE])
    expect(zones.ids[cache.get('drydock-worker2')!.row]).toBe(-1)
    expect(zones.size).toBe(2)
    expect(zones.withKey).toBe(3)
  })

  it('forgets a deleted node’s domain', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    const zones = cache.topologyKey(ZONE)
    const row = cache.get('drydock-worker')!.row
    sim.store.delete({ kind: 'Node', name: 'drydock-worker' })
    sim.settle()
    expect(zones.ids[row]).toBe(-1)
    expect(zones.withKey).toBe(3)
  })

  it('keeps the counts by domain number equal to the counts by value as pods come and go', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    const counts = new NodeCounts()
    // The counts are asked for first, then kept current pod by pod.
    cache.domainCounts(counts, ZONE)
    const nodes = ['drydock-worker', 'drydock-worker2', 'drydock-worker3', 'drydock-worker2']
    nodes.forEach((n) => counts.change(cache.get(n)!, 1))
    expect(countsByNodeDomain(cache, counts, ZONE)).toEqual({
      viaRows: { 'zone-a': 1, 'zone-b': 3 },
      byValue: { 'zone-a': 1, 'zone-b': 3 },
    })
    counts.change(cache.get('drydock-worker2')!, -2)
    patchNode(sim, 'drydock-worker3', (n) => (n.metadata.labels![ZONE] = 'zone-c'))
    expect(countsByNodeDomain(cache, counts, ZONE)).toEqual({
      viaRows: { 'zone-a': 1, 'zone-c': 1 },
      byValue: { 'zone-a': 1, 'zone-c': 1 },
    })
  })

  it('keeps each node’s free room current and forgets its remembered scores when a pod binds', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    const node = cache.get('drydock-worker')!
    const { hot, cold } = cache.table
    hot[node.base + H.memoRequestId] = 7
    createPods(sim, [pinned('a', 'drydock-worker')])
    expect(node.podCount).toBe(1)
    expect(hot[node.base + H.memoRequestId]).toBe(-1)
    expect(hot[node.base + H.freePods]).toBe(node.allocatablePods - 1)
    expect(hot[node.base + H.freeCpu]).toBe(node.allocatableCpuMillis - 100)
    expect(hot[node.base + H.freeMemory]).toBe(
      cold[node.base + C.allocatableMemory]! - 64 * 2 ** 20,
    )
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'a' }, { gracePeriodSeconds: 0 })
    sim.settle()
    expect(hot[node.base + H.freeCpu]).toBe(node.allocatableCpuMillis)
  })

  it('reads the Services’ selectors again after a Service changes', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    const before = cache.services.epoch
    expect(cache.services.of('default')).toEqual([])
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    }
    sim.store.create(svc)
    expect(cache.services.epoch).toBeGreaterThan(before)
    expect(cache.services.of('default')).toEqual([{ app: 'web' }])
    expect(cache.services.of('kube-system')).toEqual([])
  })

  it('lists the nodes and their rows in the same order', () => {
    const sim = newSim()
    const cache = cacheOf(sim)
    expect([...cache.allRows()]).toEqual(cache.all().map((n) => n.row))
    sim.store.create<Node>({
      ...structuredClone(sim.store.get<Node>('Node', undefined, 'drydock-worker')!),
      metadata: { name: 'drydock-worker4', labels: { [ZONE]: 'zone-c' } },
    })
    expect(cache.all().map((n) => n.name)).toContain('drydock-worker4')
    expect([...cache.allRows()]).toEqual(cache.all().map((n) => n.row))
  })
})
