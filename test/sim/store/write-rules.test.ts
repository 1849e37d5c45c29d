import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { deepEqual } from '../../../src-main/sim/store/equality'
import { sameGenerationFields } from '../../../src-main/sim/store/write-rules'

/** What `generation` follows, compared the plain way: copies without metadata (and status). */
function reference(a: KubeObject, b: KubeObject, statusSubresource: boolean): boolean {
  const strip = (o: KubeObject): Record<string, unknown> => {
    const { metadata: _m, status, ...rest } = o
    return statusSubresource ? rest : { ...rest, status }
  }
  return deepEqual(strip(a), strip(b))
}

const base: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }

describe('sameGenerationFields', () => {
  it.each([
    {
      name: 'metadata alone differs',
      b: { metadata: { name: 'a', labels: { x: '1' } } },
      same: true,
    },
    { name: 'a field is added', b: { data: { k: 'v' } }, same: false },
    { name: 'a field is undefined', b: { data: undefined }, same: true },
    { name: 'status differs without a subresource', b: { status: { phase: 'x' } }, same: false },
    {
      name: 'status differs with a subresource',
      b: { status: { phase: 'x' } },
      sub: true,
      same: true,
    },
  ])('$name', ({ b, sub, same }) => {
    const other = { ...base, ...b } as KubeObject
    expect(sameGenerationFields(base, other, sub ?? false)).toBe(same)
    expect(sameGenerationFields(other, base, sub ?? false)).toBe(same)
  })

  it.each([1, 2, 3])('agrees with comparing stripped copies (seed %i)', (seed) => {
    const prng = new Prng(seed)
    const keys = ['metadata', 'status', 'spec', 'data', 'count']
    const values = [undefined, 1, 2, 'x', { a: 1 }, { a: 2 }, [1], { a: 1, b: undefined }]
    const random = (): KubeObject => {
      const o: Record<string, unknown> = {}
      for (const k of keys) if (prng.next() < 0.6) o[k] = values[prng.int(values.length)]
      return o as unknown as KubeObject
    }
    for (let i = 0; i < 2_000; i++) {
      const a = random()
      const b = prng.next() < 0.3 ? { ...a } : random()
      const sub = prng.next() < 0.5
      expect(sameGenerationFields(a, b, sub)).toBe(reference(a, b, sub))
    }
  })
})
