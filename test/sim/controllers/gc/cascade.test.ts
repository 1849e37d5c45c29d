import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../../../src-main/sim/api/apps'
import type { ConfigMap, Pod } from '../../../../src-main/sim/api/core'
import type { Simulation } from '../../../../src-main/sim/simulation'
import type { PropagationPolicy } from '../../../../src-main/sim/store/store'
import { apply, newSim } from '../../../helpers/sim'
import { deployment } from '../../../helpers/manifests'

const web = { kind: 'Deployment', namespace: 'default', name: 'web' }

/** A running web Deployment of three pods, and a log of what gets deleted, in order. */
function running(replicas = 3, sleeper = false): { sim: Simulation; deleted: string[] } {
  const sim = newSim()
  const d = deployment('web', { replicas })
  if (sleeper) {
    // A shell as PID 1 ignores SIGTERM: the pod goes only when its grace period ends.
    d.spec.template.spec.containers[0] = {
      name: 'app',
      image: 'busybox:1.36',
      command: ['sleep', '3600'],
    }
    d.spec.template.spec.terminationGracePeriodSeconds = 20
  }
  apply(sim, d)
  sim.runFor(60_000)
  expect(pods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(replicas)
  const deleted: string[] = []
  sim.store.watch(
    ({ type, object }) => {
      if (type === 'DELETED') deleted.push(object.kind)
    },
    ['Deployment', 'ReplicaSet', 'Pod'],
  )
  return { sim, deleted }
}

const pods = (sim: Simulation): Pod[] => sim.store.list<Pod>('Pod', { namespace: 'default' })
const replicaSets = (sim: Simulation): ReplicaSet[] =>
  sim.store.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })

function remove(sim: Simulation, policy?: PropagationPolicy): void {
  sim.store.delete(web, policy ? { propagationPolicy: policy } : {})
  sim.settle()
}

describe('cascading deletion of Deployment → ReplicaSet → Pods', () => {
  it('Background: the Deployment goes at once, the ReplicaSet next, the pods after their grace', () => {
    const { sim, deleted } = running()
    remove(sim)
    expect(sim.store.getRef(web)).toBeUndefined()
    expect(replicaSets(sim)).toHaveLength(0)
    expect(pods(sim).every((p) => p.metadata.deletionTimestamp)).toBe(true)
    expect(deleted).toEqual(['Deployment', 'ReplicaSet'])
    sim.runUntilTrue(() => pods(sim).length === 0, 60_000)
    expect(deleted).toEqual(['Deployment', 'ReplicaSet', 'Pod', 'Pod', 'Pod'])
  })

  it('Foreground: owners wait, marked, until their blocking dependents are gone', () => {
    const { sim, deleted } = running()
    remove(sim, 'Foreground')
    const d = sim.store.getRef(web)!
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion'])
    expect(d.metadata.deletionTimestamp).toBeDefined()
    const [rs] = replicaSets(sim)
    expect(rs!.metadata.finalizers).toEqual(['foregroundDeletion'])
    expect(rs!.metadata.deletionTimestamp).toBeDefined()
    expect(pods(sim).every((p) => p.metadata.deletionTimestamp)).toBe(true)
    expect(deleted).toEqual([])
    sim.runUntilTrue(() => !sim.store.getRef(web), 60_000)
    expect(deleted).toEqual(['Pod', 'Pod', 'Pod', 'ReplicaSet', 'Deployment'])
  })

  it('Foreground: the Deployment outlives a pod that takes its whole grace period', () => {
    const { sim } = running(1, true)
    const t0 = sim.nowMs()
    remove(sim, 'Foreground')
    sim.runFor(15_000)
    expect(sim.store.getRef(web)).toBeDefined()
    expect(pods(sim)).toHaveLength(1)
    sim.runUntilTrue(() => !sim.store.getRef(web), 60_000)
    expect(sim.nowMs() - t0).toBeGreaterThanOrEqual(20_000)
  })

  it('Orphan: the Deployment goes, its ReplicaSet stays without an owner and keeps its pods', () => {
    const { sim, deleted } = running()
    const before = pods(sim).map((p) => p.metadata.uid)
    remove(sim, 'Orphan')
    expect(sim.store.getRef(web)).toBeUndefined()
    expect(deleted).toEqual(['Deployment'])
    const [rs] = replicaSets(sim)
    expect(rs!.metadata.ownerReferences).toBeUndefined()
    sim.runFor(60_000)
    expect(pods(sim).map((p) => p.metadata.uid)).toEqual(before)
    expect(pods(sim).every((p) => !p.metadata.deletionTimestamp)).toBe(true)
    expect(deleted).toEqual(['Deployment'])
  })
})

describe('owner references the garbage collector tidies', () => {
  const cm = (name: string, owners: { uid: string; name: string }[]): ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', ...o })),
    },
  })

  it('deletes an object whose only owner never existed', () => {
    const sim = newSim()
    sim.store.create(cm('orphan', [{ uid: 'no-such-uid', name: 'ghost' }]))
    sim.settle()
    expect(sim.store.get('ConfigMap', 'default', 'orphan')).toBeUndefined()
  })

  it('drops the dangling reference of an object that still has a live owner', () => {
    const sim = newSim()
    const owner = sim.store.create(cm('owner', []))
    sim.store.create(
      cm('child', [
        { uid: owner.metadata.uid!, name: 'owner' },
        { uid: 'no-such-uid', name: 'ghost' },
      ]),
    )
    sim.settle()
    const child = sim.store.get<ConfigMap>('ConfigMap', 'default', 'child')!
    expect(child.metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner'])
  })

  it('treats an owner of the same uid but another name as gone', () => {
    const sim = newSim()
    const owner = sim.store.create(cm('owner', []))
    sim.store.create(cm('child', [{ uid: owner.metadata.uid!, name: 'someone-else' }]))
    sim.settle()
    expect(sim.store.get('ConfigMap', 'default', 'child')).toBeUndefined()
  })
})
