import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'

describe('VirtualClock', () => {
  it('fires timers in time order, and in scheduling order at the same instant', () => {
    const clock = new VirtualClock(1000)
    const fired: string[] = []
    clock.after(50, 'c', () => fired.push('c'))
    clock.after(10, 'a', () => fired.push('a'))
    clock.after(50, 'd', () => fired.push('d'))
    clock.after(10, 'b', () => fired.push('b'))
    while (clock.fireNext()) {
      /* drain */
    }
    expect(fired).toEqual(['a', 'b', 'c', 'd'])
    expect(clock.nowMs()).toBe(1050)
  })

  it('does not fire cancelled timers or timers past the limit', () => {
    const clock = new VirtualClock(0)
    const fired: string[] = []
    const t = clock.after(5, 'x', () => fired.push('x'))
    clock.after(20, 'late', () => fired.push('late'))
    t.cancel()
    expect(clock.fireNext(10)).toBe(false)
    expect(clock.nowMs()).toBe(0)
    expect(clock.nextAtMs()).toBe(20)
    expect(fired).toEqual([])
  })

  it('never schedules into the past', () => {
    const clock = new VirtualClock(100)
    const handle = clock.at(50, 'past', () => undefined)
    expect(handle.atMs).toBe(100)
  })

  it('keeps order across many interleaved timers (heap property)', () => {
    const clock = new VirtualClock(0)
    const times: number[] = []
    for (let i = 0; i < 500; i++) {
      const at = (i * 7919) % 1000
      clock.at(at, String(i), () => times.push(clock.nowMs()))
    }
    while (clock.fireNext()) {
      /* drain */
    }
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(times).toHaveLength(500)
  })
})
