import type { KubeObject } from '../../../src-main/sim/api/meta'
import type { Prng } from '../../../src-main/sim/kernel/prng'

/** Values of the wrong type, the wrong shape, or right at a limit. */
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
  '0%',
  '150%',
  '-1',
]

type Path = (string | number)[]
type Container = Record<string | number, unknown>

/** A mutated object, and what was done to it, in words a failure can print. */
export interface Mutation {
  object: KubeObject
  steps: string[]
}

/**
 * Mutates real manifests at random: fields dropped, retyped, replaced by a
 * subtree of another manifest, objects moved between kinds and namespaces.
 */
export class Mutator {
  constructor(private readonly prng: Prng) {}

  pick<T>(items: readonly T[]): T {
    return items[this.prng.int(items.length)]!
  }

  /** How many nodes hang below `value` (itself not counted). */
  private size(value: unknown): number {
    let n = 0
    if (value && typeof value === 'object')
      for (const child of Object.values(value)) n += 1 + this.size(child)
    return n
  }

  /**
   * A node below `root` drawn uniformly, as its path: the `index`-th in
   * pre-order. Walking to it, rather than listing every path first, keeps a
   * mutation cheap on a large manifest.
   */
  private randomPath(root: unknown): Path | undefined {
    const total = this.size(root)
    if (total === 0) return undefined
    let index = this.prng.int(total)
    const path: Path = []
    let at = root as Container
    for (;;) {
      const entries = Array.isArray(at)
        ? at.map((v, i) => [i, v] as const)
        : Object.entries(at).map(([k, v]) => [k, v] as const)
      for (const [key, child] of entries) {
        const below = this.size(child)
        if (index === 0) return [...path, key]
        if (index <= below) {
          path.push(key)
          at = child as Container
          index -= 1
          break
        }
        index -= 1 + below
      }
    }
  }

  /** `donors` lend subtrees: a selector where a template was, a port list where env was. */
  mutate(original: KubeObject, donors: readonly KubeObject[]): Mutation {
    const obj = structuredClone(original) as unknown as Container
    const steps: string[] = []
    const count = 1 + this.prng.int(3)
    for (let i = 0; i < count; i++) {
      const at = this.randomPath(obj)
      if (!at) break
      const parent = at
        .slice(0, -1)
        .reduce<unknown>((v, k) => (v as Container)[k], obj) as Container
      const key = at[at.length - 1]!
      const where = at.join('.')
      const roll = this.prng.next()
      if (roll < 0.35) {
        if (Array.isArray(parent)) parent.splice(key as number, 1)
        else delete parent[key]
        steps.push(`drop ${where}`)
      } else if (roll < 0.75) {
        parent[key] = structuredClone(this.pick(ODD_VALUES))
        steps.push(`set ${where} = ${JSON.stringify(parent[key])}`)
      } else if (roll < 0.85) {
        const donor = this.pick(donors)
        const from = this.randomPath(donor)
        if (!from) continue
        parent[key] = structuredClone(from.reduce<unknown>((v, k) => (v as Container)[k], donor))
        steps.push(`set ${where} = ${donor.kind}/${donor.metadata?.name}'s ${from.join('.')}`)
      } else {
        parent[key] = structuredClone(parent[key]) // an unchanged re-apply, now and then
        steps.push(`keep ${where}`)
      }
    }
    const meta = obj.metadata as Record<string, unknown> | undefined
    if (meta && typeof meta === 'object' && this.prng.next() < 0.3) {
      meta.namespace = this.pick(['default', 'kube-system', 'missing', 'team-a'])
      steps.push(`set metadata.namespace = ${JSON.stringify(meta.namespace)}`)
    }
    if (this.prng.next() < 0.05) {
      obj.kind = this.pick(['Deployment', 'Pod', 'Service', 'Widget'])
      steps.push(`set kind = ${JSON.stringify(obj.kind)}`)
    }
    return { object: obj as unknown as KubeObject, steps }
  }
}
