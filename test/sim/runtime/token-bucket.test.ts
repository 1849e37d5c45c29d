import { describe, expect, it } from 'vitest'
import { TokenBucket } from '../../../src-main/sim/runtime/token-bucket'

describe('TokenBucket', () => {
  it('lets one through at once, then one every 10 s at 0.1 qps (the node eviction limiter)', () => {
    const limiter = new TokenBucket(0.1, 1, 0)
    expect(limiter.tryAccept(0)).toBe(true)
    expect(limiter.tryAccept(9_999)).toBe(false)
    expect(limiter.waitMs(9_999)).toBe(1)
    expect(limiter.tryAccept(10_000)).toBe(true)
    expect(new TokenBucket(0, 1, 0).waitMs(0)).toBeUndefined()
    expect(new TokenBucket(0, 1, 0).tryAccept(0)).toBe(false)
  })

  it('saves up to its burst, then refills at qps (kube-controller-manager: 20 qps, burst 30)', () => {
    const bucket = new TokenBucket(20, 30, 0)
    expect(bucket.available(0)).toBe(30)
    for (let i = 0; i < 30; i++) expect(bucket.tryAccept(0)).toBe(true)
    expect(bucket.tryAccept(0)).toBe(false)
    expect(bucket.waitMs(0)).toBe(50)
    expect(bucket.available(1_000)).toBe(20)
    expect(bucket.available(60_000)).toBe(30)
  })

  it('runs into debt for calls already made, which later callers wait off', () => {
    const bucket = new TokenBucket(20, 30, 0)
    bucket.charge(40, 0)
    expect(bucket.available(0)).toBe(0)
    // 10 tokens owed, and one more to have a whole token: 11 at 20 a second.
    expect(bucket.waitMs(0)).toBe(550)
    expect(bucket.available(550)).toBe(1)
  })
})
