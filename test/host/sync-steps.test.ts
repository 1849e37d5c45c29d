import { describe, expect, it } from 'vitest'
import { parseManifestFile } from '../../src-main/gitops/manifest/parse'
import type { DesiredObject } from '../../src-main/gitops/manifest/types'
import { normaliseDesired } from '../../src-main/gitops/render/normalise'
import { SyncOperation, type SyncRequest } from '../../src-main/gitops/sync/operation'
import { followSync } from '../../src-main/host/follow-sync'
import { SimulationTarget } from '../../src-main/host/sim-target'
import { Simulation } from '../../src-main/sim/simulation'
import { fixtureText } from '../helpers/fixtures'

function objects(target: SimulationTarget, file: string): DesiredObject[] {
  const parsed = parseManifestFile(file, fixtureText('sync', file))
  expect(parsed.problems).toEqual([])
  return normaliseDesired(parsed.objects, 'default', (v, k) => target.isNamespaced(v, k)).objects
}

function cluster() {
  const sim = new Simulation({ strict: true })
  const target = new SimulationTarget(sim)
  let id = 0
  /** Starts a sync of `desired` as the app `shop`; each step of virtual time the caller runs assesses it. */
  const sync = (desired: DesiredObject[], request: Partial<SyncRequest> = {}): SyncOperation =>
    new SyncOperation(
      {
        id: ++id,
        app: 'shop',
        revision: String(id).repeat(40),
        subject: `sync ${id}`,
        trigger: 'commit',
        objects: desired,
        problems: [],
        timeoutMs: 15 * 60_000,
        prune: true,
        ...request,
      },
      target,
      sim.nowMs(),
    )
  /** Runs until the operation settles; `each` sees the cluster after every step of virtual time. */
  const settle = (op: SyncOperation, each?: () => void): void =>
    followSync(sim, op, 30 * 60_000, each)
  const exists = (kind: string, name: string): boolean => !!sim.store.get(kind, 'default', name)
  return { sim, target, sync, settle, exists }
}

describe('a sync in steps', () => {
  it('applies wave by wave, each after the one before is healthy and 2 s have passed', () => {
    const { sim, target, sync, settle, exists } = cluster()
    const startMs = sim.nowMs()
    const op = sync(objects(target, 'waves.yaml'))
    expect(exists('ConfigMap', 'conf')).toBe(true)
    expect(exists('Deployment', 'db')).toBe(false)
    const seen: Record<string, number> = {}
    let dbReadyMs = 0
    settle(op, () => {
      for (const name of ['db', 'web'])
        if (exists('Deployment', name)) seen[name] ??= sim.nowMs() - startMs
      const db = sim.store.get('Deployment', 'default', 'db') as
        { status?: { availableReplicas?: number } } | undefined
      if (!dbReadyMs && db?.status?.availableReplicas === 1) dbReadyMs = sim.nowMs() - startMs
    })
    expect(op.view()).toMatchObject({ phase: 'Succeeded', health: 'Healthy' })
    expect(seen.db).toBe(2_000)
    expect(dbReadyMs).toBeGreaterThan(seen.db!)
    expect(seen.web).toBeGreaterThanOrEqual(dbReadyMs + 2_000)
    expect(
      op.view().steps.map((s) => `${s.phase}/${s.wave}:${s.state}:${s.done}/${s.total}`),
    ).toEqual(['Sync/-1:done:1/1', 'Sync/0:done:1/1', 'Sync/1:done:1/1'])
    expect(op.view().resources.map((r) => `${r.kind}/${r.name}:${r.action}:${r.wave}`)).toEqual([
      'ConfigMap/conf:created:-1',
      'Deployment/db:created:0',
      'Deployment/web:created:1',
    ])
  })

  it('runs the PreSync hook to completion first, the PostSync hook last, and deletes what HookSucceeded names', () => {
    const { sim, target, sync, settle, exists } = cluster()
    const op = sync(objects(target, 'hooks.yaml'))
    expect(exists('Job', 'migrate')).toBe(true)
    expect(exists('Deployment', 'web')).toBe(false)
    expect(op.view().message).toBe('')
    sim.runFor(1_000)
    op.assess(sim.nowMs())
    expect(op.view().message).toBe('waiting for completion of hook batch/Job/migrate')
    let webSeenWhileMigrateRan = false
    let smokeBeforeWebReady = false
    settle(op, () => {
      if (exists('Deployment', 'web') && exists('Job', 'migrate')) {
        const job = sim.store.get('Job', 'default', 'migrate') as {
          status?: { succeeded?: number }
        }
        if (!job.status?.succeeded) webSeenWhileMigrateRan = true
      }
      const web = sim.store.get('Deployment', 'default', 'web') as
        { status?: { availableReplicas?: number } } | undefined
      if (exists('Job', 'smoke-test') && web?.status?.availableReplicas !== 2)
        smokeBeforeWebReady = true
    })
    expect(webSeenWhileMigrateRan).toBe(false)
    expect(smokeBeforeWebReady).toBe(false)
    expect(op.view()).toMatchObject({
      phase: 'Succeeded',
      health: 'Healthy',
      message: 'successfully synced (all 1 resources healthy)',
    })
    expect(exists('Job', 'migrate')).toBe(false)
    expect(exists('Job', 'smoke-test')).toBe(true)
    expect(
      op
        .view()
        .resources.map((r) => `${r.kind}/${r.name}:${r.hookPhase ?? '-'}:${r.action}:${r.health}`),
    ).toEqual([
      'Job/migrate:PreSync:created:Healthy',
      'Deployment/web:-:created:Healthy',
      'Job/smoke-test:PostSync:created:Healthy',
    ])
    // The next sync runs the hooks again: the PostSync Job left behind is replaced, not kept.
    const uid = sim.store.get('Job', 'default', 'smoke-test')!.metadata.uid
    const again = sync(objects(target, 'hooks.yaml'))
    settle(again)
    expect(again.view().phase).toBe('Succeeded')
    expect(sim.store.get('Job', 'default', 'smoke-test')!.metadata.uid).not.toBe(uid)
  })

  it('fails when a hook fails, applies nothing after it, and starts the SyncFail hooks', () => {
    const { target, sync, settle, exists } = cluster()
    const op = sync(objects(target, 'hook-fails.yaml'))
    settle(op)
    expect(op.view()).toMatchObject({
      phase: 'Failed',
      message:
        'one or more synchronization tasks completed unsuccessfully: hook batch/Job/migrate: Job has reached the specified backoff limit',
    })
    expect(exists('Deployment', 'web')).toBe(false)
    expect(exists('Job', 'notify')).toBe(true)
    expect(op.view().steps.map((s) => s.state)).toEqual(['failed', 'pending'])
  })

  it('prunes what Git no longer declares after the last wave, keeps what Prune=false protects, and only its own', () => {
    const { target, sync, settle, exists } = cluster()
    const all = objects(target, 'waves.yaml')
    settle(sync(all))
    // Someone else's ConfigMap: same namespace, not the app's.
    target.apply({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'theirs', namespace: 'default' },
    })
    const conf = all.find((d) => d.object.kind === 'ConfigMap')!
    const keep = structuredClone(conf)
    keep.object.metadata.annotations = { 'argocd.argoproj.io/sync-options': 'Prune=false' }
    settle(sync([keep, ...all.filter((d) => d !== conf)]))
    const op = sync(all.filter((d) => d.object.metadata.name === 'web'))
    // The diff it sets out to apply: only what is not Synced.
    expect(op.view().diff.map((d) => `${d.kind}/${d.name}:${d.status}`)).toEqual([
      'ConfigMap/conf:Extra',
      'Deployment/db:Extra',
    ])
    settle(op)
    expect(op.view().phase).toBe('Succeeded')
    expect(exists('Deployment', 'db')).toBe(false)
    expect(exists('ConfigMap', 'conf')).toBe(true)
    expect(exists('ConfigMap', 'theirs')).toBe(true)
    expect(
      op
        .view()
        .resources.map((r) => `${r.kind}/${r.name}:${r.action}${r.message ? `:${r.message}` : ''}`),
    ).toEqual([
      'Deployment/web:unchanged',
      'Deployment/db:pruned',
      'ConfigMap/conf:pruneSkipped:ignored (no prune: Prune=false)',
    ])
  })

  it('with prune off, keeps what Git no longer declares and says it requires pruning', () => {
    const { target, sync, settle, exists } = cluster()
    const all = objects(target, 'waves.yaml')
    settle(sync(all))
    const op = sync(all.slice(1), { prune: false })
    settle(op)
    expect(exists('ConfigMap', 'conf')).toBe(true)
    expect(op.view().resources.at(-1)).toMatchObject({
      kind: 'ConfigMap',
      action: 'pruneSkipped',
      message: 'ignored (requires pruning)',
    })
  })
})
