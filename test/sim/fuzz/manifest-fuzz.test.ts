import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import type { ObjectStore } from '../../../src-main/sim/store/store'
import { fixturesDir, projectRoot } from '../../helpers/paths'

/**
 * Thousands of real manifests, mutated at random (fields dropped, retyped,
 * renamed, objects moved between kinds and namespaces), applied the way
 * `kubectl apply` writes them. Every write either succeeds or is refused with an
 * ApiError that changes nothing, the store's invariants hold after each, and the
 * controllers keep running on whatever was accepted.
 */

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return yamlFiles(full)
    return /\.ya?ml$/.test(e.name) ? [full] : []
  })
}

/** Every object in the fixtures and the course scenarios that parses as YAML. */
function corpus(): KubeObject[] {
  const files = [
    ...yamlFiles(fixturesDir),
    ...yamlFiles(path.join(projectRoot, 'repos', 'first-deployment')),
  ]
  const out: KubeObject[] = []
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) continue
      const value = doc.toJS() as unknown
      if (value && typeof value === 'object' && 'kind' in value && 'metadata' in value)
        out.push(value as KubeObject)
    }
  }
  return out
}

const ODD_VALUES: unknown[] = [
  null,
  '',
  'Bad_Name',
  -1,
  0,
  1e12,
  3.5,
  true,
  [],
  {},
  ['x'],
  { a: 1 },
  'x'.repeat(300),
  '100Gi',
  'nginx:1.290',
  'definitely not an image',
]

class Mutator {
  constructor(private readonly prng: Prng) {}

  pick<T>(items: readonly T[]): T {
    return items[this.prng.int(items.length)]!
  }

  /** A path to a random node of the object tree. */
  private paths(
    value: unknown,
    prefix: (string | number)[] = [],
    out: (string | number)[][] = [],
  ): (string | number)[][] {
    if (prefix.length > 0) out.push(prefix)
    if (Array.isArray(value)) value.forEach((v, i) => this.paths(v, [...prefix, i], out))
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) this.paths(v, [...prefix, k], out)
    return out
  }

  mutate(original: KubeObject): KubeObject {
    const obj = structuredClone(original) as unknown as Record<string, unknown>
    const count = 1 + this.prng.int(3)
    for (let i = 0; i < count; i++) {
      const paths = this.paths(obj)
      if (paths.length === 0) break
      const at = this.pick(paths)
      const parent = at
        .slice(0, -1)
        .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], obj) as Record<
        string | number,
        unknown
      >
      const key = at[at.length - 1]!
      const roll = this.prng.next()
      if (roll < 0.35) {
        if (Array.isArray(parent)) parent.splice(key as number, 1)
        else delete parent[key]
      } else if (roll < 0.8) parent[key] = structuredClone(this.pick(ODD_VALUES))
      else parent[key] = structuredClone(parent[key]) // an unchanged re-apply, now and then
    }
    const meta = obj.metadata as Record<string, unknown> | undefined
    if (meta && typeof meta === 'object' && this.prng.next() < 0.3)
      meta.namespace = this.pick(['default', 'kube-system', 'missing', 'team-a'])
    if (this.prng.next() < 0.05) obj.kind = this.pick(['Deployment', 'Pod', 'Service', 'Widget'])
    return obj as unknown as KubeObject
  }
}

/** `kubectl apply`, reduced: create, or replace everything but status on the live object. */
function applyObject(store: ObjectStore, obj: KubeObject): void {
  const meta = obj?.metadata
  const live =
    meta &&
    typeof meta === 'object' &&
    typeof meta.name === 'string' &&
    typeof obj.kind === 'string'
      ? store.get(
          obj.kind,
          typeof meta.namespace === 'string' ? meta.namespace : 'default',
          meta.name,
        )
      : undefined
  if (!live) {
    store.create(obj)
    return
  }
  const { status: _status, ...desired } = obj as KubeObject & { status?: unknown }
  store.update({
    ...live,
    ...desired,
    metadata: { ...live.metadata, ...(meta ?? {}), resourceVersion: live.metadata.resourceVersion },
  } as KubeObject)
}

function fingerprint(store: ObjectStore): string {
  return `${store.resourceVersion}`
}

function checkInvariants(store: ObjectStore): void {
  const uids = new Set<string>()
  for (const info of store.kinds.all()) {
    for (const obj of store.list(info.kind)) {
      const meta = obj.metadata
      if (!meta.uid || uids.has(meta.uid))
        throw new Error(`uid ${meta.uid} of ${obj.kind}/${meta.name} is missing or not unique`)
      uids.add(meta.uid)
      if (store.getByUid(meta.uid) !== obj)
        throw new Error(`${obj.kind}/${meta.name} is not indexed by uid`)
      if (Number(meta.resourceVersion) > store.resourceVersion)
        throw new Error(`${obj.kind}/${meta.name} is ahead of the store`)
      if (info.namespaced && !store.get('Namespace', undefined, meta.namespace!))
        throw new Error(`${obj.kind}/${meta.name} lives in missing namespace ${meta.namespace}`)
      for (const ref of meta.ownerReferences ?? [])
        if (!store.dependents(ref.uid).includes(obj))
          throw new Error(`${obj.kind}/${meta.name} is missing from its owner's index`)
    }
  }
}

describe('manifest fuzzing', () => {
  const objects = corpus()

  it('has a corpus of real manifests to start from', () => {
    expect(objects.length).toBeGreaterThan(80)
  })

  it.each([1, 2, 3])(
    'keeps every store invariant through 1,500 mutated applies (seed %i)',
    (seed) => {
      const prng = new Prng(seed)
      const mutator = new Mutator(prng)
      const sim = new Simulation({ seed })
      sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } })
      let accepted = 0
      let refused = 0
      for (let i = 0; i < 1500; i++) {
        const obj = mutator.mutate(mutator.pick(objects))
        const before = fingerprint(sim.store)
        try {
          applyObject(sim.store, obj)
          accepted++
        } catch (e) {
          if (!(e instanceof ApiError))
            throw new Error(`step ${i}: ${JSON.stringify(obj).slice(0, 300)} threw ${String(e)}`, {
              cause: e,
            })
          if (fingerprint(sim.store) !== before)
            throw new Error(`step ${i}: a refused write changed the store`, { cause: e })
          refused++
        }
        checkInvariants(sim.store)
        // Let the controllers act on what got in, now and then, as a running cluster would.
        if (i % 25 === 0) sim.runFor(5_000)
      }
      sim.runFor(120_000)
      checkInvariants(sim.store)
      expect(accepted).toBeGreaterThan(100)
      expect(refused).toBeGreaterThan(100)
    },
  )
})
