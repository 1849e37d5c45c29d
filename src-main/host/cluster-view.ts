import type { NodeView, PodView } from '../shared/dto'
import type { Node, Pod } from '../sim/api/core'
import { controllerRef } from '../sim/api/pod-util'
import { fromRfc3339 } from '../sim/kernel/time'
import type { ObjectStore } from '../sim/store/store'
import { ageSince } from '../sim/views/age'
import { summarisePod } from '../sim/views/pod-status'

/** One pod as `kubectl get pods -o wide` would describe it. */
export function podView(pod: Pod, nowMs: number): PodView {
  const summary = summarisePod(pod, nowMs)
  const owner = controllerRef(pod)
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    node: pod.spec.nodeName ?? null,
    phase: pod.status?.phase ?? 'Pending',
    status: summary.status,
    ready: summary.ready,
    restarts: summary.restarts,
    restartsText: summary.restartsText,
    age: ageSince(fromRfc3339(pod.metadata.creationTimestamp ?? ''), nowMs),
    owner: owner ? `${owner.kind}/${owner.name}` : undefined,
  }
}

/** `kubectl get nodes` STATUS: Ready / NotReady, plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: Node): string {
  const ready =
    node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True'
      ? 'Ready'
      : 'NotReady'
  return node.spec.unschedulable ? `${ready},SchedulingDisabled` : ready
}

export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
  return roles.length > 0 ? roles.sort().join(',') : '<none>'
}

const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

/** Nodes with the pods bound to each, and the pods no node has taken yet. */
export function clusterView(
  store: ObjectStore,
  nowMs: number,
): { nodes: NodeView[]; unscheduled: PodView[] } {
  const byNode = new Map<string, PodView[]>()
  const unscheduled: PodView[] = []
  for (const pod of store.list<Pod>('Pod')) {
    const view = podView(pod, nowMs)
    if (!view.node) unscheduled.push(view)
    else byNode.set(view.node, [...(byNode.get(view.node) ?? []), view])
  }
  const nodes = store.list<Node>('Node').map((node) => ({
    name: node.metadata.name,
    status: nodeStatus(node),
    roles: nodeRoles(node),
    version: node.status?.nodeInfo?.kubeletVersion ?? '',
    pods: (byNode.get(node.metadata.name) ?? []).sort(byName),
  }))
  return { nodes: nodes.sort(byName), unscheduled: unscheduled.sort(byName) }
}

/** Every pod, sorted by namespace and name, for reports. */
export function allPods(store: ObjectStore, nowMs: number): PodView[] {
  return store
    .list<Pod>('Pod')
    .map((p) => podView(p, nowMs))
    .sort((a, b) =>
      a.namespace === b.namespace ? byName(a, b) : a.namespace < b.namespace ? -1 : 1,
    )
}
