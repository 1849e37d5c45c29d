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
