import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import type {
  PersistentVolume,
  PersistentVolumeClaim,
  StorageClass,
} from '../../../src-main/sim/api/storage'
import { ApiError } from '../../../src-main/sim/store/errors'
import { fixture } from '../../helpers/fixtures'
import { newSim } from '../../helpers/sim'

function outcome(fn: () => unknown): string {
  try {
    fn()
    return 'accepted'
  } catch (e) {
    if (e instanceof ApiError) return e.message
    throw e
  }
}

const claim = (change: (c: PersistentVolumeClaim) => void): PersistentVolumeClaim => {
  const c = fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml')
  change(c)
  return c
}
const volume = (change: (v: PersistentVolume) => void): PersistentVolume => {
  const v = fixture<PersistentVolume>('storage', 'pv-static.yaml')
  change(v)
  return v
}
const storageClass = (fields: Partial<StorageClass>): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'fast' },
  provisioner: 'rancher.io/local-path',
  ...fields,
})

describe('storage validation', () => {
  it.each<[string, KubeObject, string]>([
    [
      'a claim without access modes',
      claim((c) => delete c.spec.accessModes),
      'PersistentVolumeClaim "data" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
    ],
    [
      'a claim without a storage request',
      claim((c) => delete c.spec.resources),
      'PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Required value',
    ],
    [
      'a claim with an unknown access mode',
      claim((c) => (c.spec.accessModes = ['ReadWriteAlways'])),
      'PersistentVolumeClaim "data" is invalid: spec.accessModes: Unsupported value: "ReadWriteAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
    [
      'a claim asking for no storage',
      claim((c) => (c.spec.resources = { requests: { storage: '0' } })),
      'PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ],
    [
      'a volume without a source',
      volume((v) => delete v.spec.hostPath),
      'PersistentVolume "static-5g" is invalid: spec: Required value: must specify a volume type',
    ],
    [
      'a volume without capacity',
      volume((v) => delete v.spec.capacity),
      'PersistentVolume "static-5g" is invalid: [spec.capacity: Required value, spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"]',
    ],
    [
      'a StorageClass without a provisioner',
      storageClass({ provisioner: '' }),
      'StorageClass.storage.k8s.io "fast" is invalid: provisioner: Required value',
    ],
    [
      'a StorageClass with a reclaim policy it cannot have',
      storageClass({ reclaimPolicy: 'Recycle' }),
      'StorageClass.storage.k8s.io "fast" is invalid: reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
    ],
  ])('refuses %s', (_, obj, expected) => {
    const sim = newSim()
    expect(outcome(() => sim.store.create(obj))).toBe(expected)
  })

  it('defaults a StorageClass as storage.k8s.io/v1 does', () => {
    const sim = newSim()
    expect(sim.store.create(storageClass({}))).toMatchObject({
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    })
  })

  it('keeps what was bound when a claim is applied again, and refuses a new spec', () => {
    const sim = newSim()
    sim.store.create(fixture<PersistentVolume>('storage', 'pv-static.yaml'))
    const manifest = claim((c) => (c.spec.storageClassName = ''))
    sim.store.create(manifest)
    sim.settle()
    const live = sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!
    expect(live.spec.volumeName).toBe('static-5g')
    // A sync applies the manifests again, without what the binder wrote: nothing changes.
    expect(sim.store.update({ ...live, spec: structuredClone(manifest.spec) })).toBe(live)
    const pv = sim.store.get<PersistentVolume>('PersistentVolume', undefined, 'static-5g')!
    const pvManifest = fixture<PersistentVolume>('storage', 'pv-static.yaml')
    expect(sim.store.update({ ...pv, spec: pvManifest.spec })).toBe(pv)
    expect(
      outcome(() =>
        sim.store.update({ ...live, spec: { ...live.spec, accessModes: ['ReadWriteMany'] } }),
      ),
    ).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    )
  })

  it('refuses a change of provisioner or binding mode', () => {
    const sim = newSim()
    const sc = sim.store.get<StorageClass>('StorageClass', undefined, 'standard')!
    expect(
      outcome(() =>
        sim.store.update({ ...sc, provisioner: 'example.com/nfs', volumeBindingMode: 'Immediate' }),
      ),
    ).toBe(
      'StorageClass.storage.k8s.io "standard" is invalid: [provisioner: Forbidden: updates to provisioner are forbidden., volumeBindingMode: Invalid value: "Immediate": field is immutable]',
    )
  })
})
