import type { KubeEvent, Node, Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { fixture } from '../../helpers/fixtures'

/** A scheduler fixture pod, renamed, with its spec and labels changed by `edit`. */
export function fixturePod(file: string, name: string, edit: (pod: Pod) => void = () => {}): Pod {
  const pod = fixture<Pod>('scheduler', file)
  pod.metadata.name = name
  edit(pod)
  return pod
}

export function createPods(sim: Simulation, pods: Pod[]): void {
  for (const pod of pods) sim.store.create(pod)
  sim.settle()
}

export function nodeOf(sim: Simulation, name: string): string | undefined {
  return sim.store.get<Pod>('Pod', 'default', name)?.spec.nodeName
}

/** The last `FailedScheduling` message of a pod, as `kubectl describe pod` shows it. */
export function failedScheduling(sim: Simulation, name: string): string | undefined {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.name === name && e.reason === 'FailedScheduling')
    .sort((a, b) => a.lastTimestamp.localeCompare(b.lastTimestamp))
    .at(-1)?.message
}

export function events(sim: Simulation, name: string, reason: string): string[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.name === name && e.reason === reason)
    .map((e) => e.message)
}

/** Replaces a node's taints, as `kubectl taint` does. */
export function setTaints(sim: Simulation, nodeName: string, taints: Node['spec']['taints']): void {
  const node = sim.store.get<Node>('Node', undefined, nodeName)!
  sim.store.update<Node>({ ...node, spec: { ...node.spec, taints } })
  sim.settle()
}

export function patchNode(sim: Simulation, nodeName: string, edit: (node: Node) => void): void {
  const node = structuredClone(sim.store.get<Node>('Node', undefined, nodeName)!)
  edit(node)
  sim.store.update<Node>(node)
  sim.settle()
}

export const WORKERS = ['drydock-worker', 'drydock-worker2', 'drydock-worker3']
export const CONTROL_PLANE_TAINT =
  'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const NO_VICTIMS = 'No preemption victims found for incoming pod'
