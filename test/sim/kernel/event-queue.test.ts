import { describe, expect, it } from 'vitest'
import { EventQueue, type QueuedTimer } from '../../../src-main/sim/kernel/event-queue'
import { Prng } from '../../../src-main/sim/kernel/prng'

function timer(atMs: number, seq: number): QueuedTimer {
  return { atMs, seq, label: `t${seq}`, fire: () => {}, cancelled: false }
}

describe('the timer queue', () => {
  it.each([1, 2, 3])(
    'pops in (time, sequence) order through random pushes, pops and cancels (seed %i)',
    (seed) => {
      const prng = new Prng(seed)
      const queue = new EventQueue()
      const reference: QueuedTimer[] = []
      let seq = 0
      const popped: string[] = []
      const expected: string[] = []
      const takeReference = () => {
        reference.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)
        while (reference[0]?.cancelled) reference.shift()
        const next = reference.shift()
        if (next) expected.push(next.label)
      }
      for (let i = 0; i < 5_000; i++) {
        const roll = prng.int(10)
        if (roll < 6) {
          // Few distinct times, so ties are common and the sequence decides.
          const t = timer(prng.int(50), seq++)
          queue.push(t)
          reference.push(t)
        } else if (roll < 7 && reference.length > 0) {
          reference[prng.int(reference.length)]!.cancelled = true
        } else {
          const next = queue.peek()
          if (next) popped.push(queue.pop()!.label)
          takeReference()
        }
      }
      while (queue.peek()) popped.push(queue.pop()!.label)
      while (reference.some((t) => !t.cancelled)) takeReference()
      expect(popped).toEqual(expected)
      expect(popped.length).toBeGreaterThan(1_000)
    },
  )
})
