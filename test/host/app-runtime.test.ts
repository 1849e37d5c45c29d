import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultAppSettings, type AppSettings } from '../../src-main/gitops/engine'
import { GitRepository } from '../../src-main/git/repository'
import { AppRuntime } from '../../src-main/host/app-runtime'
import { HistoryJournal } from '../../src-main/host/history-journal'
import { SimulationTarget } from '../../src-main/host/sim-target'
import type { Deployment } from '../../src-main/sim/api/apps'
import { Simulation } from '../../src-main/sim/simulation'
import { commitFiles, initRepo, removeDir, tempDir } from '../helpers/git'
import { webDeploymentYaml } from '../helpers/manifests'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

async function setUp(settings: Partial<AppSettings> = {}, dataDir = tempDir()) {
  const repoDir = initRepo()
  dirs.push(repoDir, dataDir)
  const first = commitFiles(
    repoDir,
    { 'web.yaml': webDeploymentYaml('nginx:1.27', 2) },
    'Deploy web',
  )
  const sim = new Simulation({ strict: true })
  const target = new SimulationTarget(sim)
  const journalDir = path.join(dataDir, 'web')
  const open = (): AppRuntime =>
    new AppRuntime({
      settings: { ...defaultAppSettings, name: 'web', ...settings },
      branch: 'main',
      declared: false,
      source: repo,
      sim,
      target,
      journal: HistoryJournal.open(journalDir),
      // Wall time follows virtual time, so a run of the simulation is a run of the app.
      wallNow: () => sim.nowMs(),
      onChange: () => undefined,
    })
  const repo = await GitRepository.open(repoDir)
  const app = open()
  target.onTrackedChange((name) => name === 'web' && app.markDirty())
  /** Runs virtual time, letting the app look after each step, as the pacer does. */
  const run = (ms: number): void => {
    sim.runUntilTrue(() => (app.tick(), false), ms)
  }
  return { repoDir, first, sim, app, run, open, journalDir, repo }
}

describe('an app following its branch', () => {
  it('syncs a new commit once, compares the cluster with Git, and records the sync', async () => {
    const { first, app, run } = await setUp()
    await app.follow(first, 'initial')
    run(60_000)
    const view = app.view()
    expect(view).toMatchObject({ syncStatus: 'Synced', health: 'Healthy', syncedRevision: first })
    expect(view.history.map((e) => [e.sync.id, e.sync.trigger, e.sync.phase])).toEqual([
      [1, 'initial', 'Succeeded'],
    ])
    expect(view.resources).toMatchObject([{ kind: 'Deployment', name: 'web', status: 'Synced' }])
  })

  it('takes a tip again when Git refused to read it the first time', async () => {
    const { first, app, run, repo } = await setUp()
    const readBlob = repo.readBlob.bind(repo)
    let refuse = true
    repo.readBlob = async (oid) => {
      if (!refuse) return readBlob(oid)
      refuse = false
      throw new Error(`object ${oid} is damaged`)
    }
    await expect(app.follow(first, 'initial')).rejects.toThrow(/is damaged/)
    await app.follow(first, 'initial')
    run(60_000)
    expect(app.view()).toMatchObject({ syncStatus: 'Synced', syncedRevision: first })
  })

  it('puts back a manual scale by self-heal, 5 s after the last sync, and records that it did', async () => {
    const { first, sim, app, run } = await setUp()
    await app.follow(first, 'initial')
    run(60_000)
    const live = sim.store.get<Deployment>('Deployment', 'default', 'web')!
    sim.store.update({ ...live, spec: { ...live.spec, replicas: 5 } })
    const scaledAt = sim.nowMs()
    run(60_000)
    const view = app.view()
    const heal = view.history[0]!
    expect(heal.sync).toMatchObject({ id: 2, trigger: 'self-heal', phase: 'Succeeded' })
    // The diff it applied is the drift it found.
    expect(heal.sync.diff).toMatchObject([
      { kind: 'Deployment', name: 'web', status: 'OutOfSync', changedPaths: ['spec.replicas'] },
    ])
    expect(heal.sync.startedAtVirtualMs - scaledAt).toBeLessThan(1_000)
    expect(sim.store.get<Deployment>('Deployment', 'default', 'web')!.spec.replicas).toBe(2)
    expect(view.syncStatus).toBe('Synced')
  })

  it('puts back a Deployment someone deleted, as a self-heal sync that creates it', async () => {
    const { first, sim, app, run } = await setUp()
    await app.follow(first, 'initial')
    run(60_000)
    sim.store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
    run(60_000)
    const heal = app.view().history[0]!.sync
    expect(heal).toMatchObject({ trigger: 'self-heal', phase: 'Succeeded' })
    expect(heal.diff.map((d) => `${d.kind}/${d.name}:${d.status}`)).toEqual([
      'Deployment/web:Missing',
    ])
    expect(heal.resources.map((r) => `${r.kind}/${r.name}:${r.action}`)).toEqual([
      'Deployment/web:created',
    ])
  })

  it('leaves drift alone without self-heal, and shows it OutOfSync with the diff', async () => {
    const { first, sim, app, run } = await setUp({
      syncPolicy: { automated: true, prune: true, selfHeal: false },
    })
    await app.follow(first, 'initial')
    run(60_000)
    const live = sim.store.get<Deployment>('Deployment', 'default', 'web')!
    sim.store.update({ ...live, spec: { ...live.spec, replicas: 5 } })
    run(60_000)
    const view = app.view()
    expect(view.history).toHaveLength(1)
    expect(view.syncStatus).toBe('OutOfSync')
    expect(view.resources[0]!.diff).toContain('-  replicas: 5\n+  replicas: 2')
  })

  it('syncs a manual app only when asked, and shows what the sync would do until then', async () => {
    const { first, app, run } = await setUp({
      syncPolicy: { automated: false, prune: false, selfHeal: false },
    })
    await app.follow(first, 'commit')
    run(10_000)
    expect(app.view()).toMatchObject({ syncStatus: 'OutOfSync', health: 'Missing', history: [] })
    expect(app.view().resources[0]).toMatchObject({ status: 'Missing' })
    app.syncNow()
    run(60_000)
    expect(app.view().history.map((e) => [e.sync.trigger, e.sync.phase])).toEqual([
      ['manual', 'Succeeded'],
    ])
    expect(app.view().syncStatus).toBe('Synced')
  })

  it('does not heal into a revision whose sync failed, and says why', async () => {
    const { repoDir, sim, app, run } = await setUp()
    const bad = commitFiles(repoDir, { 'web.yaml': webDeploymentYaml('nginx:1.290', 2) }, 'Bad tag')
    await app.follow(bad, 'initial')
    run(700_000)
    expect(app.view().history[0]!.sync.phase).toBe('Failed')
    const live = sim.store.get<Deployment>('Deployment', 'default', 'web')!
    sim.store.update({ ...live, spec: { ...live.spec, replicas: 1 } })
    run(30_000)
    const view = app.view()
    expect(view.history).toHaveLength(1)
    expect(view.conditions).toEqual([
      `Skipping auto-sync: failed previous sync attempt to ${bad.slice(0, 7)}`,
    ])
  })

  it('keeps its history across a restart, and closes a sync the restart interrupted', async () => {
    const { repoDir, first, app, run, open } = await setUp()
    await app.follow(first, 'initial')
    run(60_000)
    const second = commitFiles(repoDir, { 'web.yaml': webDeploymentYaml('nginx:1.28', 2) }, 'Roll')
    await app.follow(second, 'commit')
    run(500)
    expect(app.view().history[0]!.sync.phase).toBe('Running')
    app.close()
    // Drydock stops here; the next start reads what the journal holds.
    const again = open()
    expect(again.view().history.map((e) => [e.sync.id, e.sync.phase, e.sync.message])).toEqual([
      [2, 'Failed', 'interrupted: Drydock stopped before the rollout settled'],
      [1, 'Succeeded', 'successfully synced (all 1 resources healthy)'],
    ])
    await again.follow(second, 'initial')
    expect(again.view().history[0]!.sync).toMatchObject({ id: 3, trigger: 'initial' })
  })
})
