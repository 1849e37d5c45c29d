import { describe, expect, it } from 'vitest'
import type { Controller } from '../../../src-main/sim/runtime/controller'
import { WorkQueue } from '../../../src-main/sim/runtime/work-queue'
import { newSim } from '../../helpers/sim'

/** Adds a controller that re-queues whatever it syncs: one that fights itself. */
function withFighter(keys: string[]): { settle: () => void } {
  const sim = newSim()
  const queue = new WorkQueue(sim.clock, 'fighter')
  const fighter: Controller = { name: 'fighter', queue, reconcile: (key) => queue.add(key) }
  ;(sim as unknown as { controllers: Controller[] }).controllers.push(fighter)
  for (const key of keys) queue.add(key)
  return sim
}

describe('the reconcile storm guard', () => {
  it('names the controller and the key synced 10,000 times in one instant', () => {
    const sim = withFighter(['default/web'])
    expect(() => sim.settle()).toThrow(
      /^reconcile storm: fighter synced default\/web 100\d\d times in one instant \(seed 1\)$/,
    )
  })

  it('names each of two keys that fight in turn', () => {
    const sim = withFighter(['default/a', 'default/b'])
    expect(() => sim.settle()).toThrow(/synced default\/[ab] 100\d\d times/)
  })

  it('lets a long settle of many keys, each synced a few times, finish', () => {
    const sim = newSim()
    const queue = new WorkQueue(sim.clock, 'many')
    let left = 200_000
    const many: Controller = {
      name: 'many',
      queue,
      reconcile: () => {
        if (--left > 0) queue.add(`k${left % 50_000}`)
      },
    }
    ;(sim as unknown as { controllers: Controller[] }).controllers.push(many)
    queue.add('k0')
    expect(() => sim.settle()).not.toThrow()
    expect(left).toBe(0)
  })
})
