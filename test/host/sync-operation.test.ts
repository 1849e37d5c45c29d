import { describe, expect, it } from 'vitest'
import type { DesiredObject } from '../../src-main/gitops/manifest/types'
import { SyncOperation } from '../../src-main/gitops/sync/operation'
import { SimulationTarget } from '../../src-main/host/sim-target'
import { Simulation } from '../../src-main/sim/simulation'
import { deployment } from '../helpers/manifests'

function operation(sim: Simulation, objects: DesiredObject['object'][], id = 1): SyncOperation {
  return new SyncOperation(
    {
      id,
      app: 'test',
      prune: true,
      revision: `${id}`.repeat(40),
      subject: 'test',
      trigger: 'commit',
      objects: objects.map((object) => ({ object, origin: { file: 'app.yaml', line: 1 } })),
      problems: [],
      timeoutMs: 15 * 60_000,
    },
    new SimulationTarget(sim),
    sim.nowMs(),
  )
}

const manifest = (d: ReturnType<typeof deployment>) => d as unknown as DesiredObject['object']

describe('a sync operation against the simulated cluster', () => {
  it('runs until the rollout is healthy, then succeeds', () => {
    const sim = new Simulation({ strict: true })
    const op = operation(sim, [manifest(deployment('web', { replicas: 2 }))])
    op.assess(sim.nowMs())
    expect(op.view()).toMatchObject({ phase: 'Running', health: 'Progressing' })
    expect(op.view().resources[0]).toMatchObject({ kind: 'Deployment', action: 'created' })
    sim.runUntilTrue(() => (op.assess(sim.nowMs()), op.settled), 60_000)
    expect(op.view()).toMatchObject({
      phase: 'Succeeded',
      health: 'Healthy',
      message: 'successfully synced (all 1 resources healthy)',
    })
  })

  it('reports unchanged objects as unchanged', () => {
    const sim = new Simulation({ strict: true })
    operation(sim, [manifest(deployment('web'))])
    const again = operation(sim, [manifest(deployment('web'))], 2)
    expect(again.view().resources[0]!.action).toBe('unchanged')
  })

  it('is Superseded when a newer commit arrives mid-rollout, but Succeeded if it had already settled', () => {
    const sim = new Simulation({ strict: true })
    const first = operation(sim, [manifest(deployment('web', { replicas: 2 }))])
    first.supersede('f'.repeat(40), sim.nowMs())
    expect(first.view()).toMatchObject({
      phase: 'Superseded',
      message: 'superseded by fffffff before its rollout settled',
    })

    const web = manifest(deployment('web', { replicas: 2 }))
    const second = operation(sim, [web, manifest(deployment('api', { replicas: 1 }))], 2)
    sim.runFor(60_000)
    second.supersede('e'.repeat(40), sim.nowMs())
    expect(second.view().phase).toBe('Succeeded')
  })

  it('is an Error listing every object the API server refuses, and applies none', () => {
    const sim = new Simulation({ strict: true })
    const bad = deployment('Bad_Name')
    const op = operation(sim, [manifest(deployment('web')), manifest(bad)])
    expect(op.view().phase).toBe('Error')
    expect(op.view().problems).toHaveLength(1)
    expect(op.view().problems[0]!.message).toMatch(
      /^Deployment\.apps "Bad_Name" is invalid: metadata\.name: Invalid value/,
    )
    expect(sim.store.list('Deployment')).toHaveLength(0)
  })
})

describe('apply as kubectl apply does it', () => {
  it('keeps what controllers wrote, removes what the manifest stopped declaring, and records last-applied', () => {
    const sim = new Simulation({ strict: true })
    const target = new SimulationTarget(sim)
    const d = manifest(deployment('web'))
    d.metadata.labels = { team: 'a', tier: 'web' }
    target.apply(d)
    const first = sim.store.get('Deployment', 'default', 'web')!
    expect(first.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1')
    expect(
      JSON.parse(first.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']!),
    ).toEqual(d)
    const next = structuredClone(d)
    next.metadata.labels = { tier: 'web' }
    expect(target.apply(next)).toEqual({ action: 'configured' })
    const second = sim.store.get('Deployment', 'default', 'web')!
    expect(second.metadata.labels).toEqual({ tier: 'web' })
    expect(second.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1')
    expect(target.apply(next)).toEqual({ action: 'unchanged' })
  })
})
