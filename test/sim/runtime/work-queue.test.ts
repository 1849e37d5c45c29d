import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { WorkQueue } from '../../../src-main/sim/runtime/work-queue'

/** Applies `ops` (`+key` adds, `-` takes) and returns what the takes gave. */
function run(ops: string[]): (string | undefined)[] {
  const queue = new WorkQueue(new VirtualClock(0), 'test')
  const taken: (string | undefined)[] = []
  for (const op of ops)
    if (op === '-') taken.push(queue.take())
    else queue.add(op.slice(1))
  return taken
}

describe('WorkQueue', () => {
  it.each([
    {
      name: 'keys come out in the order they first went in',
      ops: ['+a', '+b', '+c', '-', '-', '-'],
      taken: ['a', 'b', 'c'],
    },
    {
      name: 'a key added while it waits is there once, in its first place',
      ops: ['+a', '+b', '+a', '+a', '-', '-', '-'],
      taken: ['a', 'b', undefined],
    },
    {
      name: 'a key taken can be added again, at the end',
      ops: ['+a', '+b', '-', '+a', '-', '-', '-'],
      taken: ['a', 'b', 'a', undefined],
    },
    {
      name: 'an empty queue gives nothing',
      ops: ['-', '+x', '-', '-'],
      taken: [undefined, 'x', undefined],
    },
  ])('$name', ({ ops, taken }) => {
    expect(run(ops)).toEqual(taken)
  })

  it.each([1, 2, 3])('takes keys as a plain list without duplicates would (seed %i)', (seed) => {
    const prng = new Prng(seed)
    const queue = new WorkQueue(new VirtualClock(0), 'test')
    const model: string[] = []
    // Thousands of operations on a few hundred keys: the queue compacts its list on the way.
    for (let i = 0; i < 20_000; i++) {
      if (prng.next() < 0.55) {
        const key = `k${prng.int(300)}`
        queue.add(key)
        if (!model.includes(key)) model.push(key)
      } else expect(queue.take()).toBe(model.shift())
      expect(queue.length).toBe(model.length)
    }
  })

  it('wakes a parked key once, at its earliest time', () => {
    const clock = new VirtualClock(0)
    const queue = new WorkQueue(clock, 'test')
    queue.addAfter('a', 500)
    queue.addAfter('a', 200)
    queue.addAfter('a', 900)
    while (clock.fireNext(1_000)) {
      /* fire every timer */
    }
    expect(queue.take()).toBe('a')
    expect(queue.take()).toBeUndefined()
  })
})
