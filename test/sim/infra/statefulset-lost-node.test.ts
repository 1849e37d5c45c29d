import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../src-main/sim/api/core'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import type { Simulation } from '../../../src-main/sim/simulation'
import { fixture } from '../../helpers/fixtures'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'
import { fault } from './helpers'

const pod = (sim: Simulation, name: string): Pod | undefined =>
  sim.store.get<Pod>('Pod', 'default', name)

/** The StatefulSet's pods and a Deployment's, spread over the three workers. */
function running(): Simulation {
  const sim = newSim()
  apply(sim, fixture<KubeObject>('statefulsets', 'web.yaml'))
  apply(sim, deployment('api', { replicas: 3 }))
  const ready = () =>
    ['web-0', 'web-1', 'web-2'].every((n) =>
      pod(sim, n)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ) && readyCount(sim, 'api') === 3
  expect(sim.runUntilTrue(ready, 300_000)).toBe(true)
  return sim
}

describe('a StatefulSet pod on a lost node', () => {
  it('is not replaced while the node may come back: it stays Terminating; a Deployment’s pods are', () => {
    const sim = running()
    const lost = pod(sim, 'web-0')!
    const node = lost.spec.nodeName!
    const apiThere = sim.store
      .list<Pod>('Pod', { namespace: 'default' })
      .filter((p) => p.metadata.labels?.app === 'api' && p.spec.nodeName === node).length
    fault(sim, `vm/${node}:power-off`)
    // The 50 s grace period, then the 300 s toleration of the unreachable taint.
    sim.runFor(50_000 + 300_000 + 60_000)
    const after = pod(sim, 'web-0')!
    expect(after.metadata.uid).toBe(lost.metadata.uid)
    expect(after.metadata.deletionTimestamp).toBeDefined()
    expect(after.spec.nodeName).toBe(node)
    // At most one pod per identity: StatefulSet guarantees it, so it waits.
    expect(
      sim.store
        .list<Pod>('Pod', { namespace: 'default' })
        .filter((p) => p.metadata.name === 'web-0'),
    ).toHaveLength(1)
    // The Deployment's pod there was replaced on the nodes left.
    expect(apiThere).toBeGreaterThan(0)
    expect(readyCount(sim, 'api')).toBe(3)
  })

  it('is replaced once the node is gone, and waits for its volume, which was on that node', () => {
    const sim = running()
    const lost = pod(sim, 'web-0')!
    const node = lost.spec.nodeName!
    fault(sim, `vm/${node}:power-off`)
    sim.runFor(400_000)
    // What an operator does for a machine that will not come back: `kubectl delete node`.
    sim.store.delete({ kind: 'Node', name: node })
    sim.settle()
    sim.runFor(120_000)
    const replaced = pod(sim, 'web-0')!
    expect(replaced.metadata.uid).not.toBe(lost.metadata.uid)
    // Its claim's local volume lived on that node: the new pod cannot follow it.
    expect(replaced.status?.phase).toBe('Pending')
    const scheduling = sim.store
      .list<KubeEvent>('Event', { namespace: 'default' })
      .find((e) => e.involvedObject.uid === replaced.metadata.uid)!
    expect(scheduling.reason).toBe('FailedScheduling')
    expect(scheduling.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ' +
        '2 node(s) had volume node affinity conflict. ' +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    )
    // Giving the data up (deleting the claim, then the pod) lets web-0 start afresh elsewhere.
    sim.store.delete({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0' })
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'web-0' })
    sim.settle()
    sim.runFor(120_000)
    const fresh = pod(sim, 'web-0')!
    expect(fresh.spec.nodeName).not.toBe(node)
    expect(fresh.status?.phase).toBe('Running')
  })
})
