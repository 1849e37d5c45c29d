import { describe, expect, it } from 'vitest'
import { Prng } from '../../../src-main/sim/kernel/prng'

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another', () => {
    const a = new Prng(42)
    const b = new Prng(42)
    const c = new Prng(43)
    const seqA = Array.from({ length: 8 }, () => a.nextUint32())
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA)
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA)
  })

  // xoshiro128** seeded by splitmix32: every seeded run depends on these very numbers.
  it.each([
    { seed: 0, first: [3809008728, 1133695204, 53579671, 2891528803], sum: 2884822234 },
    { seed: 1, first: [2442144158, 3238099751, 3819917871, 2104621829], sum: 2758864477 },
    { seed: 42, first: [2837322924, 544945897, 479756282, 3500138142], sum: 1995775980 },
    { seed: 0x7fffffff, first: [4273413024, 512412270, 2725035094, 3323596758], sum: 2539907473 },
    { seed: 0xffffffff, first: [835879718, 1921286648, 2356205009, 1885780724], sum: 2355654830 },
  ])('draws the same words as ever from seed $seed', ({ seed, first, sum }) => {
    const prng = new Prng(seed)
    expect(Array.from({ length: 4 }, () => prng.nextUint32())).toEqual(first)
    // The next 100,000, summed modulo 2^32: any word that changed would show.
    let total = 0
    for (let i = 0; i < 100_000; i++) total = (total + prng.nextUint32()) % 0x1_0000_0000
    expect(total).toBe(sum)
  })

  it('stays in range and covers it', () => {
    const prng = new Prng(7)
    const seen = new Set<number>()
    for (let i = 0; i < 10_000; i++) {
      const n = prng.int(10)
      expect(n).toBeGreaterThanOrEqual(0)
      expect(n).toBeLessThan(10)
      seen.add(n)
      const f = prng.next()
      expect(f).toBeGreaterThanOrEqual(0)
      expect(f).toBeLessThan(1)
    }
    expect(seen.size).toBe(10)
  })

  it('draws strings only from the alphabet', () => {
    const prng = new Prng(1)
    expect(prng.string('ab', 200)).toMatch(/^[ab]{200}$/)
  })
})
