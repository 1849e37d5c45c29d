import { describe, expect, it } from 'vitest'
import { parseDurationMs } from '../../../src-main/shared/duration'
import {
  chaosWorld,
  durationText,
  planChaos,
  type ChaosSettings,
  type ChaosWorld,
} from '../../../src-main/sim/infra/chaos'
import { applyFault, FaultError, inverseOf, parseFault } from '../../../src-main/sim/infra/faults'
import { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'
import { infraFixture, ready } from './helpers'

const WORLD: ChaosWorld = {
  hosts: ['host-a', 'host-b'],
  hypervisors: ['hv-a', 'hv-b'],
  vms: ['w1', 'w2'],
  nodes: [
    { name: 'w1', evictsForMemory: true },
    { name: 'w2', evictsForMemory: false },
  ],
}
const HOUR: ChaosSettings = {
  seed: 7,
  windowMs: 3_600_000,
  everyMs: 300_000,
  maxDownMs: 300_000,
}

describe('a chaos plan', () => {
  it('is the same for the same seed, and another for another', () => {
    expect(planChaos(WORLD, HOUR)).toEqual(planChaos(WORLD, HOUR))
    expect(planChaos(WORLD, { ...HOUR, seed: 8 })).not.toEqual(planChaos(WORLD, HOUR))
  })

  it('breaks one thing at a time, and undoes it within the window', () => {
    const plan = planChaos(WORLD, HOUR)
    expect(plan.length).toBeGreaterThan(10)
    let i = 0
    let lastEndMs = -Infinity
    while (i < plan.length) {
      const f = plan[i]!
      expect(f.atMs).toBeGreaterThanOrEqual(lastEndMs + 10_000)
      const inverse = inverseOf(f.fault)
      if (!inverse) {
        expect(f.fault.action).toBe('reboot')
        lastEndMs = f.atMs
        i++
        continue
      }
      const undo = plan[i + 1]!
      expect(undo.fault).toEqual(inverse)
      expect(undo.atMs - f.atMs).toBeGreaterThanOrEqual(30_000)
      expect(undo.atMs - f.atMs).toBeLessThanOrEqual(300_000)
      expect(undo.atMs).toBeLessThan(HOUR.windowMs)
      lastEndMs = undo.atMs
      i += 2
    }
  })

  it('writes each fault as a user would, and it parses back to the same fault and time', () => {
    for (const f of planChaos(WORLD, HOUR)) {
      const [fault, at] = f.spec.split('@')
      expect(parseFault(fault!)).toEqual(f.fault)
      expect(parseDurationMs(at!)).toBe(f.atMs)
    }
  })

  it('fills memory only where the kubelet evicts for it, and spares the only host', () => {
    const plan = planChaos(
      { ...WORLD, hosts: ['host-a'], hypervisors: ['hv-a'] },
      { ...HOUR, windowMs: 24 * 3_600_000 },
    )
    const specs = plan.map((f) => f.spec.split('@')[0])
    expect(specs).toContain('node/w1:fill-memory')
    expect(specs).not.toContain('node/w2:fill-memory')
    expect(specs.filter((s) => s!.startsWith('host/') || s!.startsWith('hypervisor/'))).toEqual([])
    expect(specs.filter((s) => s!.includes(':migrate'))).toEqual([])
  })

  it('is empty when the window is too short for a fault', () => {
    expect(planChaos(WORLD, { ...HOUR, windowMs: 60_000, everyMs: 120_000 })).toEqual([])
  })

  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [250_000, '4m10s'],
    [3_720_000, '1h2m'],
  ])('%i ms is written %s', (ms, text) => expect(durationText(ms)).toBe(text))
})

describe('the world chaos sees', () => {
  it('leaves the control plane alone, and knows which kubelets evict for memory', () => {
    expect(chaosWorld(newSim().store)).toEqual({
      hosts: ['host-a', 'host-b'],
      hypervisors: ['hv-a', 'hv-b'],
      vms: ['drydock-worker', 'drydock-worker2', 'drydock-worker3'],
      nodes: [
        { name: 'drydock-worker', evictsForMemory: false },
        { name: 'drydock-worker2', evictsForMemory: false },
        { name: 'drydock-worker3', evictsForMemory: false },
      ],
    })
    const own = new Simulation({ infrastructure: infraFixture('memory.yaml') })
    own.runFor(60_000)
    expect(chaosWorld(own.store).nodes).toEqual([
      { name: 'worker-1', evictsForMemory: true },
      { name: 'worker-2', evictsForMemory: true },
    ])
  })
})

describe('an hour of chaos', () => {
  it.each([1, 2, 3])(
    'seed %i: the Deployment is whole again once the last fault is undone',
    (seed) => {
      const sim = newSim(seed)
      apply(sim, deployment('web', { replicas: 4 }))
      const startMs = sim.nowMs()
      const plan = planChaos(chaosWorld(sim.store), { ...HOUR, seed })
      const outcomes: string[] = []
      for (const f of plan)
        sim.clock.at(startMs + f.atMs, `fault ${f.spec}`, () => {
          try {
            applyFault(sim, f.fault)
            outcomes.push('done')
          } catch (e) {
            if (!(e instanceof FaultError)) throw e
            outcomes.push('failed')
          }
        })
      sim.runUntil(startMs + HOUR.windowMs)
      expect(outcomes).toHaveLength(plan.length)
      expect(outcomes.filter((o) => o === 'done').length).toBeGreaterThan(plan.length / 2)
      // Every fault was undone: the machines run, and after a while every node is Ready.
      sim.runFor(600_000)
      for (const name of ['drydock-worker', 'drydock-worker2', 'drydock-worker3'])
        expect(ready(sim, name)).toBe('True')
      expect(readyCount(sim, 'web')).toBe(4)
    },
  )
})
