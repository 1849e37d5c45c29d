import type { KubeEvent, Pod } from '../../../../src-main/sim/api/core'
import type { StatefulSet } from '../../../../src-main/sim/api/statefulset'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { fixture } from '../../../helpers/fixtures'

/** The tutorial's `web` StatefulSet (3 replicas, claim template `www`), changed by `edit`. */
export function web(edit: (spec: StatefulSet['spec']) => void = () => {}): StatefulSet {
  const set = fixture<StatefulSet>('statefulsets', 'web.yaml')
  edit(set.spec)
  return set
}

export function liveSet(sim: Simulation, name = 'web'): StatefulSet {
  return sim.store.get<StatefulSet>('StatefulSet', 'default', name)!
}

export function pod(sim: Simulation, name: string): Pod | undefined {
  return sim.store.get<Pod>('Pod', 'default', name)
}

/** Replaces the live set's spec, as `kubectl apply` of an edited manifest does. */
export function editSet(sim: Simulation, edit: (spec: StatefulSet['spec']) => void): void {
  const live = liveSet(sim)
  const spec = structuredClone(live.spec)
  edit(spec)
  sim.store.update<StatefulSet>({ ...live, spec })
  sim.settle()
}

export function setEvents(sim: Simulation, name = 'web'): string[] {
  return sim.store
    .list<KubeEvent>('Event')
    .filter((e) => e.involvedObject.kind === 'StatefulSet' && e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`)
}

/** What happened to pods, in order: `+web-0` created, `-web-2` deletion begun, `x web-2` gone. */
export function recordPodLifecycle(sim: Simulation): string[] {
  const log: string[] = []
  sim.store.watch(
    ({ type, object, old }) => {
      const name = object.metadata.name
      if (type === 'ADDED') log.push(`+${name}`)
      else if (type === 'DELETED') log.push(`x${name}`)
      else if (object.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp)
        log.push(`-${name}`)
    },
    ['Pod'],
  )
  return log
}
