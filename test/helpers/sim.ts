import type { Pod } from '../../src-main/sim/api/core'
import type { Deployment } from '../../src-main/sim/api/apps'
import type { KubeObject } from '../../src-main/sim/api/meta'
import { isPodReady } from '../../src-main/sim/api/pod-util'
import { Simulation } from '../../src-main/sim/simulation'
import { summarisePod } from '../../src-main/sim/views/pod-status'

export function newSim(seed = 1): Simulation {
  return new Simulation({ seed, strict: true })
}

/** Writes an object the way `kubectl apply` would (create, or replace the spec) and lets controllers react. */
export function apply<T extends KubeObject>(sim: Simulation, obj: T): void {
  const live = sim.store.get(obj.kind, obj.metadata.namespace ?? 'default', obj.metadata.name)
  if (live) sim.store.update({ ...live, spec: structuredClone(obj.spec) })
  else sim.store.create(obj)
  sim.settle()
}

export function deploymentNamed(sim: Simulation, name: string): Deployment {
  return sim.store.get<Deployment>('Deployment', 'default', name)!
}

/** Pods of an app label that are not being deleted. */
export function activePods(sim: Simulation, app: string): Pod[] {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp)
}

export function statuses(sim: Simulation, app: string): string[] {
  return activePods(sim, app)
    .map((p) => summarisePod(p, sim.nowMs()).status)
    .sort()
}

export function readyCount(sim: Simulation, app: string): number {
  return activePods(sim, app).filter(isPodReady).length
}

export function withImage(d: Deployment, image: string): Deployment {
  const copy = structuredClone(d)
  copy.spec.template.spec.containers[0]!.image = image
  return copy
}
