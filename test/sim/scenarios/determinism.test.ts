import { describe, expect, it } from 'vitest'
import type { KubeEvent } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, withImage } from '../../helpers/sim'

/** The course lab, compressed: deploy, scale, roll out, bad tag, fix. */
function run(seed: number): Simulation {
  const sim = newSim(seed)
  const d = deployment('web', { replicas: 2 })
  apply(sim, d)
  sim.runFor(30_000)
  apply(sim, { ...d, spec: { ...d.spec, replicas: 5 } })
  sim.runFor(30_000)
  const five = { ...d, spec: { ...d.spec, replicas: 5 } }
  apply(sim, withImage(five, 'nginx:1.28'))
  sim.runFor(60_000)
  apply(sim, withImage(five, 'nginx:1.290'))
  sim.runFor(120_000)
  apply(sim, withImage(five, 'nginx:1.29'))
  sim.runFor(60_000)
  return sim
}

function eventLog(sim: Simulation): string {
  return sim.store
    .list<KubeEvent>('Event')
    .map((e) =>
      [
        e.firstTimestamp,
        e.lastTimestamp,
        e.count,
        e.type,
        e.reason,
        e.involvedObject.kind,
        e.involvedObject.name,
        e.source.host ?? '',
        e.message,
      ].join('|'),
    )
    .join('\n')
}

function objectLog(sim: Simulation): string {
  return ['Deployment', 'ReplicaSet', 'Pod']
    .flatMap((kind) => sim.store.list(kind))
    .map((o) => JSON.stringify(o))
    .join('\n')
}

describe('determinism', () => {
  it('gives the same events and objects, byte for byte, for the same seed', () => {
    const a = run(42)
    const b = run(42)
    expect(eventLog(a).length).toBeGreaterThan(1000)
    expect(eventLog(b)).toBe(eventLog(a))
    expect(objectLog(b)).toBe(objectLog(a))
  })

  it('gives a different run for a different seed', () => {
    expect(objectLog(run(43))).not.toBe(objectLog(run(42)))
  })
})
