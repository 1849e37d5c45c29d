import { describe, expect, it } from 'vitest'
import { withTracking } from '../../src-main/gitops/app/tracking'
import { diffApp } from '../../src-main/gitops/diff/app-diff'
import { DiffCache } from '../../src-main/gitops/diff/diff-cache'
import { parseManifestFile } from '../../src-main/gitops/manifest/parse'
import type { DesiredObject } from '../../src-main/gitops/manifest/types'
import { normaliseDesired } from '../../src-main/gitops/render/normalise'
import { SimulationTarget } from '../../src-main/host/sim-target'
import { Simulation } from '../../src-main/sim/simulation'
import { fixture, fixtureText } from '../helpers/fixtures'

/** A fixture's documents as an app named `shop` applies them into `default`. */
function desired(target: SimulationTarget, file: string): DesiredObject[] {
  const parsed = parseManifestFile(file, fixtureText('diff', file))
  const { objects } = normaliseDesired(parsed.objects, 'default', (v, k) =>
    target.isNamespaced(v, k),
  )
  return objects.map((d) => ({ ...d, object: withTracking('shop', d.object) }))
}

interface Expected {
  kind: string
  name: string
  status: string
  changedPaths: string[]
}

describe('the server-side diff of an app against the simulated cluster', () => {
  it.each(['unchanged', 'changed', 'missing'])('%s: live, desired, expected', (name) => {
    const sim = new Simulation({ strict: true })
    const target = new SimulationTarget(sim)
    for (const d of desired(target, `${name}-live.yaml`))
      expect(target.apply(d.object).action).toBe('created')
    sim.runFor(30_000)
    const diffs = diffApp({ desired: desired(target, `${name}-desired.yaml`), extra: [], target })
    expect(
      diffs.map(({ kind, name, status, changedPaths }) => ({ kind, name, status, changedPaths })),
    ).toEqual(fixture<Expected[]>('diff', `${name}-expected.yaml`))
    for (const d of diffs) expect(d.diff === '').toBe(d.status === 'Synced')
    expect(diffs.every((d) => d.file === `${name}-desired.yaml` && d.line! > 0)).toBe(true)
  })

  it('sees a manual scale as drift, and leaves out what ignoreDifferences names', () => {
    const sim = new Simulation({ strict: true })
    const target = new SimulationTarget(sim)
    const app = desired(target, 'unchanged-desired.yaml')
    for (const d of app) target.apply(d.object)
    sim.runFor(30_000)
    const live = sim.store.get('Deployment', 'default', 'web')!
    sim.store.update({ ...live, spec: { ...(live.spec as object), replicas: 4 } })
    const drift = diffApp({ desired: app, extra: [], target }).find((d) => d.kind === 'Deployment')!
    expect(drift).toMatchObject({ status: 'OutOfSync', changedPaths: ['spec.replicas'] })
    expect(drift.diff).toContain('-  replicas: 4\n+  replicas: 2\n')
    const ignored = diffApp({
      desired: app,
      extra: [],
      target,
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    })
    expect(ignored.find((d) => d.kind === 'Deployment')!.status).toBe('Synced')
  })

  it('lists what the app made and Git no longer declares as Extra', () => {
    const sim = new Simulation({ strict: true })
    const target = new SimulationTarget(sim)
    for (const d of desired(target, 'unchanged-live.yaml')) target.apply(d.object)
    const extra = target.listTracked('shop').filter((o) => o.kind === 'ConfigMap')
    const diffs = diffApp({ desired: [], extra, target })
    expect(diffs).toMatchObject([{ kind: 'ConfigMap', name: 'settings', status: 'Extra' }])
    expect(diffs[0]!.diff).toContain('-  greeting: hello')
    expect(target.listTracked('other')).toEqual([])
  })
})

describe('diffing again after a change', () => {
  it('diffs only the resources whose declaration or live object changed', () => {
    const sim = new Simulation({ strict: true })
    const target = new SimulationTarget(sim)
    const app = desired(target, 'unchanged-desired.yaml')
    for (const d of app) target.apply(d.object)
    sim.runFor(30_000)
    let predicted: string[] = []
    const counting = {
      get: target.get.bind(target),
      predict: (obj: Parameters<SimulationTarget['predict']>[0]) => {
        predicted.push(obj.kind)
        return target.predict(obj)
      },
    }
    const cache = new DiffCache()
    const first = diffApp({ desired: app, extra: [], target: counting, cache })
    expect(predicted.sort()).toEqual(['ConfigMap', 'Deployment', 'Service'])
    predicted = []
    expect(diffApp({ desired: app, extra: [], target: counting, cache })).toEqual(first)
    expect(predicted).toEqual([])
    // A manual scale moves the Deployment's resourceVersion: it alone is diffed again.
    const live = sim.store.get('Deployment', 'default', 'web')!
    sim.store.update({ ...live, spec: { ...(live.spec as object), replicas: 4 } })
    const drifted = diffApp({ desired: app, extra: [], target: counting, cache })
    expect(predicted).toEqual(['Deployment'])
    expect(drifted.find((d) => d.kind === 'Deployment')!.status).toBe('OutOfSync')
    // A new declaration of the ConfigMap (a commit that changed its file) is diffed again.
    predicted = []
    const edited = app.map((d) =>
      d.object.kind === 'ConfigMap'
        ? { ...d, object: { ...d.object, data: { greeting: 'hi' } } }
        : d,
    )
    const after = diffApp({ desired: edited, extra: [], target: counting, cache })
    expect(predicted).toEqual(['ConfigMap'])
    expect(after.find((d) => d.kind === 'ConfigMap')!.changedPaths).toEqual(['data.greeting'])
  })
})
