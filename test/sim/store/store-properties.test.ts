import { describe, expect, it } from 'vitest'
import type { ConfigMap, Pod } from '../../../src-main/sim/api/core'
import { isInfraKind } from '../../../src-main/sim/api/infra'
import type { KubeObject, OwnerReference } from '../../../src-main/sim/api/meta'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import type { ObjectStore, PropagationPolicy } from '../../../src-main/sim/store/store'
import { deployment } from '../../helpers/manifests'

/**
 * Random sequences of creates, updates and deletes (many of them invalid)
 * against a running simulation, checking the store's invariants after each.
 */

const NAMESPACES = ['default', 'a', 'b']
const NAMES = ['x', 'y', 'z']

function everything(store: ObjectStore): KubeObject[] {
  return [...store.kinds.all()].flatMap((info) => store.list(info.kind))
}

/** What must hold after every step, whatever happened. */
function checkInvariants(store: ObjectStore): void {
  const objects = everything(store)
  const uids = new Set<string>()
  for (const obj of objects) {
    const meta = obj.metadata
    expect(uids.has(meta.uid!), `uid ${meta.uid} is not unique`).toBe(false)
    uids.add(meta.uid!)
    // The recorder's events are kept outside the uid index and read afresh each time.
    if (store.isKept(obj)) expect(store.get(obj.kind, meta.namespace, meta.name)).toEqual(obj)
    else expect(store.getByUid(meta.uid!)).toBe(obj)
    expect(Number(meta.resourceVersion)).toBeLessThanOrEqual(store.resourceVersion)
    if (store.kinds.get(obj.kind)?.namespaced) {
      expect(
        store.get('Namespace', undefined, meta.namespace!),
        `${obj.kind} in ${meta.namespace}`,
      ).toBeDefined()
    }
    for (const ref of meta.ownerReferences ?? []) {
      expect(store.dependents(ref.uid)).toContain(obj)
    }
  }
  // Every indexed dependent is a live object that still names its owner.
  const ownerUids = new Set(
    objects.flatMap((o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid)),
  )
  for (const uid of ownerUids) {
    for (const dep of store.dependents(uid)) {
      expect(store.getByUid(dep.metadata.uid!)).toBe(dep)
      expect(dep.metadata.ownerReferences?.some((r) => r.uid === uid)).toBe(true)
    }
  }
  // The index by node holds exactly the pods bound to each node.
  const pods = store.list<Pod>('Pod')
  for (const node of new Set(pods.map((p) => p.spec.nodeName))) {
    if (!node) continue
    const bound = pods.filter((p) => p.spec.nodeName === node)
    expect(new Set(store.podsOnNode(node)), `pods on ${node}`).toEqual(new Set(bound))
  }
}

/** After the garbage collector has settled: every owner reference points at a live owner. */
function checkNoDanglingDependents(store: ObjectStore): void {
  for (const obj of everything(store)) {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = store.getByUid(ref.uid)
      expect(
        owner,
        `${obj.kind}/${obj.metadata.name} names a missing ${ref.kind}/${ref.name}`,
      ).toBeDefined()
      expect([owner!.kind, owner!.metadata.name]).toEqual([ref.kind, ref.name])
    }
  }
}

class Steps {
  constructor(
    private readonly sim: Simulation,
    private readonly prng: Prng,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.prng.next() * items.length)]!
  }

  private chance(p: number): boolean {
    return this.prng.next() < p
  }

  private some(): KubeObject | undefined {
    // The machines under the nodes are off limits as the nodes are: losing one strands its pods.
    const objects = everything(this.sim.store).filter(
      (o) => o.kind !== 'Node' && o.kind !== 'Event' && !isInfraKind(o.kind),
    )
    return objects.length > 0 ? this.pick(objects) : undefined
  }

  private ownerRefs(namespace: string): OwnerReference[] | undefined {
    if (this.chance(0.5)) return undefined
    if (this.chance(0.2))
      return [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }]
    const owner =
      this.sim.store.list('ConfigMap', { namespace })[0] ??
      this.sim.store.list('Deployment', { namespace })[0]
    if (!owner) return undefined
    return [
      {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        name: owner.metadata.name,
        uid: owner.metadata.uid!,
        blockOwnerDeletion: this.chance(0.5),
      },
    ]
  }

  private configMap(): ConfigMap {
    const namespace = this.pick(NAMESPACES)
    return {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: this.pick(NAMES),
        namespace,
        labels: this.chance(0.2) ? { 'bad key': 'v' } : { app: this.pick(['a', 'b']) },
        finalizers: this.chance(0.3) ? ['example.com/hold'] : undefined,
        ownerReferences: this.ownerRefs(namespace),
      },
      data: { k: 'v' },
    }
  }

  private readonly garbage: (() => unknown)[] = [
    () => null,
    () => ({ kind: 'ConfigMap' }),
    () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: 5 }),
    () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: 'app=web' } }),
    () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }),
    () => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    () => ({ ...deployment('d'), spec: { selector: 7, template: { spec: { containers: 'x' } } } }),
    () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'nowhere' } }),
    () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', finalizers: [1] } }),
  ]

  /** One random operation; returns a label for the failure message. */
  run(): string {
    const store = this.sim.store
    const roll = this.prng.next()
    if (roll < 0.1) {
      const name = this.pick(NAMESPACES.slice(1))
      store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
      return `create namespace ${name}`
    }
    if (roll < 0.16) {
      const name = this.pick(NAMESPACES)
      store.delete({ kind: 'Namespace', name })
      return `delete namespace ${name}`
    }
    if (roll < 0.4) {
      const cm = this.configMap()
      store.create(cm)
      return `create configmap ${cm.metadata.namespace}/${cm.metadata.name}`
    }
    if (roll < 0.48) {
      const d = { ...deployment(this.pick(NAMES), { replicas: this.pick([0, 1, 2]) }) }
      d.metadata = { ...d.metadata, namespace: this.pick(NAMESPACES) }
      store.create(d)
      return `create deployment ${d.metadata.namespace}/${d.metadata.name}`
    }
    if (roll < 0.64) {
      const obj = this.some()
      if (!obj) return 'nothing to update'
      const finalizers = this.chance(0.5) ? undefined : ['example.com/hold', 'example.com/more']
      const stale = this.chance(0.1)
      store.update({
        ...obj,
        metadata: {
          ...obj.metadata,
          finalizers,
          labels: { ...obj.metadata.labels, touched: String(this.prng.nextUint32() % 3) },
          resourceVersion: stale ? '1' : obj.metadata.resourceVersion,
        },
      })
      return `update ${obj.kind}/${obj.metadata.name}`
    }
    if (roll < 0.8) {
      const obj = this.some()
      if (!obj) return 'nothing to delete'
      const policy = this.pick<PropagationPolicy | 'Sideways' | undefined>([
        undefined,
        'Background',
        'Foreground',
        'Orphan',
        'Sideways',
      ])
      store.delete(
        { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name },
        { propagationPolicy: policy as PropagationPolicy },
      )
      return `delete ${obj.kind}/${obj.metadata.name} ${policy}`
    }
    if (roll < 0.92) {
      store.create(this.pick(this.garbage)() as KubeObject)
      return 'create garbage'
    }
    this.sim.runFor(Math.floor(this.prng.next() * 20_000))
    return 'time passes'
  }
}

describe('store invariants under random writes', () => {
  it.each([1, 2, 3, 4])('hold for seed %i', (seed) => {
    const sim = new Simulation({ seed, strict: true })
    const steps = new Steps(sim, new Prng(seed * 7919))
    let lastRv = sim.store.resourceVersion
    let emitted = 0
    sim.store.watch(({ object }) => {
      const rv = Number(object.metadata.resourceVersion)
      expect(rv, `seed ${seed}: resourceVersion went backwards`).toBeGreaterThan(lastRv)
      lastRv = rv
      emitted++
    })
    for (let i = 0; i < 150; i++) {
      const before = { rv: sim.store.resourceVersion, emitted }
      let label = ''
      try {
        label = steps.run()
      } catch (e) {
        expect(e, `seed ${seed} step ${i}: ${String(e)}`).toBeInstanceOf(ApiError)
        // A refusal changes nothing.
        expect(sim.store.resourceVersion).toBe(before.rv)
        expect(emitted).toBe(before.emitted)
      }
      sim.settle()
      try {
        checkInvariants(sim.store)
      } catch (e) {
        throw new Error(`seed ${seed} step ${i} (${label}): ${(e as Error).message}`, { cause: e })
      }
    }
    // Let every finalizer go, then let the garbage collector and the kubelet finish.
    for (const obj of everything(sim.store)) {
      if (obj.metadata.finalizers?.length) {
        sim.store.update({ ...obj, metadata: { ...obj.metadata, finalizers: [] } })
      }
    }
    sim.runFor(5 * 60_000)
    checkInvariants(sim.store)
    checkNoDanglingDependents(sim.store)
  })
})
