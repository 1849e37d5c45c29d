import { describe, expect, it } from 'vitest'
import type { ConfigMap, KubeEvent } from '../../../../src-main/sim/api/core'
import { newSim } from '../../../helpers/sim'

/** A ConfigMap and an Event that names it as its owner, blocking its deletion. */
function ownedEvent(sim: ReturnType<typeof newSim>): void {
  const owner = sim.store.create<ConfigMap>({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'owner', namespace: 'default' },
  })
  const ref = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: 'owner',
    uid: owner.metadata.uid!,
    blockOwnerDeletion: true,
  }
  sim.store.create<KubeEvent>({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'owned', namespace: 'default', ownerReferences: [ref] },
    involvedObject: { kind: 'ConfigMap', namespace: 'default', name: 'owner' },
    reason: 'Test',
    message: 'owned by a ConfigMap',
    type: 'Normal',
    source: { component: 'test' },
    count: 1,
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
  })
}

describe('the garbage collector and Events', () => {
  it('leaves an Event alone when its owner goes, as upstream ignores events', () => {
    const sim = newSim()
    ownedEvent(sim)
    sim.store.delete({ kind: 'ConfigMap', namespace: 'default', name: 'owner' })
    sim.runFor(10_000)
    expect(sim.store.get('Event', 'default', 'owned')).toBeDefined()
  })

  it('does not wait for an Event in a foreground deletion', () => {
    const sim = newSim()
    ownedEvent(sim)
    sim.store.delete(
      { kind: 'ConfigMap', namespace: 'default', name: 'owner' },
      { propagationPolicy: 'Foreground' },
    )
    sim.runFor(10_000)
    expect(sim.store.get('ConfigMap', 'default', 'owner')).toBeUndefined()
    expect(sim.store.get('Event', 'default', 'owned')).toBeDefined()
  })
})
