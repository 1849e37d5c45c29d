import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../../../src-main/sim/api/apps'
import { deployment } from '../../../helpers/manifests'
import { activePods, apply, deploymentNamed, newSim, readyCount } from '../../../helpers/sim'
import type { Simulation } from '../../../../src-main/sim/simulation'

function replicaSets(sim: Simulation): ReplicaSet[] {
  return sim.store.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })
}

describe('the deployment controller adopts orphaned ReplicaSets', () => {
  it('takes back its ReplicaSet and pods after `kubectl delete deployment --cascade=orphan`', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 3 }))
    sim.runFor(30_000)
    const podNames = activePods(sim, 'web').map((p) => p.metadata.name)
    const [before] = replicaSets(sim)

    sim.store.delete(
      { kind: 'Deployment', namespace: 'default', name: 'web' },
      { propagationPolicy: 'Orphan' },
    )
    sim.runFor(5_000)
    const [orphan] = replicaSets(sim)
    expect(orphan?.metadata.ownerReferences ?? []).toEqual([])
    expect(readyCount(sim, 'web')).toBe(3)

    apply(sim, deployment('web', { replicas: 3 }))
    sim.runFor(30_000)
    const d = deploymentNamed(sim, 'web')
    const after = replicaSets(sim)
    expect(after.map((rs) => rs.metadata.name)).toEqual([before!.metadata.name])
    expect(after[0]!.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ])
    expect(activePods(sim, 'web').map((p) => p.metadata.name)).toEqual(podNames)
    expect(d.status?.availableReplicas).toBe(3)
  })

  it('leaves an orphan its selector does not match', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 1 }))
    sim.runFor(30_000)
    sim.store.delete(
      { kind: 'Deployment', namespace: 'default', name: 'web' },
      { propagationPolicy: 'Orphan' },
    )
    sim.runFor(5_000)
    apply(sim, deployment('api', { replicas: 1 }))
    sim.runFor(30_000)
    const web = replicaSets(sim).find((rs) => rs.metadata.name.startsWith('web-'))
    expect(web?.metadata.ownerReferences ?? []).toEqual([])
  })
})
