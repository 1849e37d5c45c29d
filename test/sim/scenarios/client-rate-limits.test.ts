import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import { Simulation, type SimulationOptions } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'

/** When (ms after the start) each pod of a Deployment of `replicas` was created, and bound. */
function scaleTo(
  replicas: number,
  options: SimulationOptions = {},
): { created: number[]; bound: number[] } {
  const sim = new Simulation({ seed: 1, strict: true, ...options })
  const startMs = sim.nowMs()
  const created: number[] = []
  const bound: number[] = []
  sim.store.watch(
    ({ type, object, old }) => {
      const pod = object as Pod
      if (type === 'ADDED') created.push(sim.nowMs() - startMs)
      else if (pod.spec.nodeName && !(old as Pod | undefined)?.spec.nodeName)
        bound.push(sim.nowMs() - startMs)
    },
    ['Pod'],
  )
  sim.store.create(deployment('web', { replicas }))
  sim.runFor(60_000)
  return { created, bound }
}

/**
 * Whether no call went out before a token bucket of `qps` and `burst` had a token
 * for it: the n-th call (from 0) waits until (n + 1 − burst) / qps seconds.
 */
function withinBucket(times: number[], qps: number, burst: number): boolean {
  return times.every((ms, n) => ms >= ((n + 1 - burst) / qps) * 1000 - 1e-6)
}

describe("the components' API clients are rate limited as Kubernetes' defaults set them", () => {
  it('creates 200 pods 30 at once, then 20 a second (kube-controller-manager: 20 qps, burst 30)', () => {
    const { created } = scaleTo(200)
    expect(created).toHaveLength(200)
    expect(created.filter((ms) => ms === 0)).toHaveLength(30)
    expect(withinBucket(created, 20, 30)).toBe(true)
    expect(created.at(-1)).toBeGreaterThanOrEqual(8_500)
    expect(created.at(-1)).toBeLessThan(9_000)
  })

  it('binds 100 pods at once, then 50 a second (kube-scheduler: 50 qps, burst 100)', () => {
    const { bound } = scaleTo(300, { clientLimits: { 'kube-controller-manager': 'unlimited' } })
    expect(bound).toHaveLength(300)
    expect(bound.filter((ms) => ms === 0)).toHaveLength(100)
    expect(withinBucket(bound, 50, 100)).toBe(true)
    expect(bound.at(-1)).toBeGreaterThanOrEqual(4_000)
    expect(bound.at(-1)).toBeLessThan(4_500)
  })

  it('creates and binds every pod at once when the limits are lifted, as scale tests do', () => {
    const { created, bound } = scaleTo(200, {
      clientLimits: { 'kube-controller-manager': 'unlimited', 'kube-scheduler': 'unlimited' },
    })
    expect(new Set(created)).toEqual(new Set([0]))
    expect(new Set(bound)).toEqual(new Set([0]))
  })
})
