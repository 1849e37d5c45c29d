import { describe, expect, it } from 'vitest'
import { flatString, StringPool } from '../../../src-main/sim/kernel/flat-string'

describe('flatString', () => {
  it.each([
    ['', 'empty'],
    ['short', 'below the join threshold'],
    ['app-1-6f9c7d8b9-abcde.187a6f3e2c1d4000', 'an event name'],
    ['x'.repeat(10_000) + 'é✓', 'longer than one chunk, not Latin-1'],
  ])('keeps the characters of %#: %s', (text) => {
    const joined = `${text.slice(0, text.length >> 1)}${text.slice(text.length >> 1)}`
    expect(flatString(joined)).toBe(text)
  })
})

describe('StringPool', () => {
  it('hands out one copy of equal texts', () => {
    const pool = new StringPool()
    const a = pool.get(['Started container', 'nginx'].join(' '))
    const b = pool.get(`Started container ${'nginx'}`)
    expect(a).toBe('Started container nginx')
    expect(Object.is(a, b)).toBe(true)
  })

  it('forgets everything once full, and still returns equal texts', () => {
    const pool = new StringPool(2)
    for (const text of ['one message', 'two message', 'three message', 'one message'])
      expect(pool.get(text)).toBe(text)
  })
})
