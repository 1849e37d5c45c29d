import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../../src-main/sim/api/core'
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../src-main/sim/api/storage'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { fixture } from '../../../helpers/fixtures'
import { apply, newSim } from '../../../helpers/sim'

const claim = (sim: Simulation) =>
  sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')
const volume = (sim: Simulation, name: string) =>
  sim.store.get<PersistentVolume>('PersistentVolume', undefined, name)

/** A claim bound to a provisioned volume, used by the running pod `app`. */
function claimInUse(): { sim: Simulation; pvName: string } {
  const sim = newSim()
  apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
  apply(sim, fixture<Pod>('storage', 'pod-with-claim.yaml'))
  sim.runUntilTrue(
    () => sim.store.get<Pod>('Pod', 'default', 'app')?.status?.phase === 'Running',
    60_000,
  )
  return { sim, pvName: claim(sim)!.spec.volumeName! }
}

describe('storage object in-use protection', () => {
  it('creates claims and volumes with their protection finalizers', () => {
    const { sim, pvName } = claimInUse()
    expect(claim(sim)!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection'])
    expect(volume(sim, pvName)!.metadata.finalizers).toEqual(['kubernetes.io/pv-protection'])
  })

  it('keeps a claim a pod uses Terminating until the pod is gone, then lets claim and volume go', () => {
    const { sim, pvName } = claimInUse()
    sim.store.delete({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
    sim.runFor(60_000)
    expect(claim(sim)?.metadata.deletionTimestamp).toBeDefined()
    expect(volume(sim, pvName)?.status?.phase).toBe('Bound')

    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'app' })
    sim.runFor(60_000)
    expect(claim(sim)).toBeUndefined()
    // Reclaim policy Delete: released, then deleted, and the pv-protection finalizer let go.
    expect(volume(sim, pvName)).toBeUndefined()
  })

  it('deletes a claim no pod uses at once', () => {
    const sim = newSim()
    apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
    sim.runFor(1_000)
    sim.store.delete({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
    sim.settle()
    expect(claim(sim)).toBeUndefined()
  })
})
