import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../../../src-main/sim/api/apps'
import type { Pod } from '../../../../src-main/sim/api/core'
import { controllerRef, isPodActive, isPodReady } from '../../../../src-main/sim/api/pod-util'
import { podsToDelete } from '../../../../src-main/sim/controllers/replicaset/delete-order'
import { OwnedPodIndex } from '../../../../src-main/sim/controllers/replicaset/owned-pods'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { deployment } from '../../../helpers/manifests'
import { apply, newSim, withImage } from '../../../helpers/sim'

/** What a walk of every ReplicaSet's dependents finds, in the index's terms. */
function walked(sim: Simulation, rs: ReplicaSet) {
  const uid = rs.metadata.uid!
  const pods = sim.store
    .dependents<Pod>(uid, 'Pod')
    .filter((p) => isPodActive(p) && controllerRef(p)?.uid === uid)
  return {
    pods: pods.map((p) => p.metadata.uid).sort(),
    ready: pods.filter(isPodReady).length,
    labelled: pods.length,
    firstToGo: podsToDelete(pods, 1, sim.nowMs()).map((p) => p.metadata.name),
  }
}

function indexed(sim: Simulation, index: OwnedPodIndex, rs: ReplicaSet) {
  const owned = index.of(rs.metadata.uid!)
  return {
    pods: [...owned.pods.keys()].sort(),
    ready: owned.ready,
    labelled: [...owned.byLabels.values()].reduce((a, b) => a + b, 0),
    // Kept in order from the first time it is asked for: here, after every step.
    firstToGo: index
      .scaleDownOrder(owned)
      .victims(1, sim.nowMs())
      .map((p) => p.metadata.name),
  }
}

function expectSame(sim: Simulation, indexes: OwnedPodIndex[]): void {
  for (const rs of sim.store.list<ReplicaSet>('ReplicaSet'))
    for (const index of indexes) expect(indexed(sim, index, rs)).toEqual(walked(sim, rs))
}

describe('the index of pods owned by each ReplicaSet', () => {
  it('holds what a walk of the dependents finds, through creates, rollouts, relabels, failures and deletes', () => {
    const sim = newSim()
    const fromStart = new OwnedPodIndex(sim.store)
    const d = deployment('web', { replicas: 6 })
    apply(sim, d)
    sim.runFor(20_000)
    // One built over pods that already exist starts where the other has got to.
    const late = new OwnedPodIndex(sim.store)
    expectSame(sim, [fromStart, late])
    expect(indexed(sim, late, sim.store.list<ReplicaSet>('ReplicaSet')[0]!).ready).toBe(6)

    apply(sim, withImage(d, 'nginx:1.28'))
    for (let i = 0; i < 20; i++) {
      sim.runFor(1_000)
      expectSame(sim, [fromStart, late])
    }
    const [first, second, third] = sim.store.list<Pod>('Pod')
    sim.store.update({
      ...first!,
      metadata: { ...first!.metadata, labels: { ...first!.metadata.labels, extra: 'x' } },
    })
    sim.store.updateStatus({ ...second!, status: { ...second!.status, phase: 'Failed' } })
    // Gone at once, with no graceful deletion first (`--force --grace-period=0`).
    sim.store.remove(third!)
    sim.settle()
    expectSame(sim, [fromStart, late])
    sim.store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
    sim.runFor(60_000)
    expect(sim.store.list('Pod')).toEqual([])
    expectSame(sim, [fromStart, late])
  })
})
