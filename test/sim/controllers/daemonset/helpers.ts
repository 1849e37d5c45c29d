import type { KubeEvent, Node, Pod } from '../../../../src-main/sim/api/core'
import type { DaemonSet } from '../../../../src-main/sim/api/daemonset'
import { isPodReady } from '../../../../src-main/sim/api/pod-util'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { nodeObject } from '../../../../src-main/sim/topology'
import { fixture } from '../../../helpers/fixtures'

/** The `agent` DaemonSet fixture, changed by `edit`. */
export function agent(edit: (spec: DaemonSet['spec']) => void = () => {}): DaemonSet {
  const ds = fixture<DaemonSet>('daemonsets', 'agent.yaml')
  edit(ds.spec)
  return ds
}

export function liveDs(sim: Simulation, name = 'agent'): DaemonSet {
  return sim.store.get<DaemonSet>('DaemonSet', 'default', name)!
}

export function editDs(sim: Simulation, edit: (spec: DaemonSet['spec']) => void): void {
  const live = liveDs(sim)
  const spec = structuredClone(live.spec)
  edit(spec)
  sim.store.update<DaemonSet>({ ...live, spec })
  sim.settle()
}

/** The DaemonSet's pods that are not being deleted. */
export function daemonPods(sim: Simulation): Pod[] {
  return sim.store
    .list<Pod>('Pod', { namespace: 'default' })
    .filter((p) => p.metadata.labels?.app === 'agent' && !p.metadata.deletionTimestamp)
}

/** node → image, for every pod bound to a node and ready. */
export function readyImagesByNode(sim: Simulation): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of daemonPods(sim))
    if (p.spec.nodeName && isPodReady(p)) out[p.spec.nodeName] = p.spec.containers[0]!.image
  return out
}

export function dsEvents(sim: Simulation): string[] {
  return sim.store
    .list<KubeEvent>('Event')
    .filter((e) => e.involvedObject.kind === 'DaemonSet')
    .map((e) => `${e.type} ${e.reason} ${e.message}`)
}

/** A worker that joins the cluster, as a kubelet registering its Node. */
export function addWorker(sim: Simulation, name: string, index: number): void {
  sim.store.create<Node>(
    nodeObject({ name, role: 'worker', cpu: '4', memory: '8Gi' }, index, '2026-01-01T00:00:00Z'),
  )
  sim.settle()
}

export const WORKERS = ['drydock-worker', 'drydock-worker2', 'drydock-worker3']
export const ALL_NODES = ['drydock-control-plane', ...WORKERS]
