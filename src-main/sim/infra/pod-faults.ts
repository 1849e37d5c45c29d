import type { Namespace, Pod } from '../api/core'
import type { ObjectStore } from '../store/store'
import { FaultError, type FaultWorld } from './fault-world'

/**
 * Faults on workloads: delete a pod (as `kubectl delete pod` does: gracefully;
 * its controller replaces it) or kill a container's process (exit 137, as
 * `kill -9` or the host's OOM killer leaves it; the kubelet restarts it).
 *
 * A pod is named `<name>` (looked for in every namespace) or
 * `<namespace>/<name>`; a container `<pod>/<container>` or
 * `<namespace>/<pod>/<container>`. Pods come and go, so a name is looked up
 * when the fault is due, not when it is scheduled.
 */

/** Names listed when one is not found: enough to spot a typo, not a whole cluster. */
const LISTED = 10

/** The container `kubectl exec` and `logs` pick: the annotated default, else the first. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container'

export interface PodName {
  namespace?: string
  name: string
}

export interface ContainerName extends PodName {
  container: string
}

export function parsePodName(text: string): PodName | undefined {
  const parts = text.split('/')
  if (parts.some((p) => p === '')) return undefined
  if (parts.length === 1) return { name: parts[0]! }
  if (parts.length === 2) return { namespace: parts[0]!, name: parts[1]! }
  return undefined
}

export function parseContainerName(text: string): ContainerName | undefined {
  const parts = text.split('/')
  if (parts.some((p) => p === '')) return undefined
  if (parts.length === 2) return { name: parts[0]!, container: parts[1]! }
  if (parts.length === 3) return { namespace: parts[0]!, name: parts[1]!, container: parts[2]! }
  return undefined
}

function listed(pods: readonly Pod[], withNamespace: boolean): string {
  const names = pods
    .map((p) => (withNamespace ? `${p.metadata.namespace}/${p.metadata.name}` : p.metadata.name))
    .sort()
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : ''
  return names.slice(0, LISTED).join(', ') + more
}

/** The pod a name points at; none, or one name in several namespaces, is refused with what exists. */
export function findPod(store: ObjectStore, ref: PodName): Pod {
  if (ref.namespace !== undefined) {
    const pod = store.get<Pod>('Pod', ref.namespace, ref.name)
    if (pod) return pod
    const there = store.list<Pod>('Pod', { namespace: ref.namespace })
    throw new FaultError(
      `pod "${ref.name}" not found in namespace "${ref.namespace}": ${
        there.length > 0 ? `pods there are ${listed(there, false)}` : 'there are no pods there'
      }`,
    )
  }
  // One lookup per namespace, not a pass over every pod.
  const found = store
    .list<Namespace>('Namespace')
    .map((ns) => store.get<Pod>('Pod', ns.metadata.name, ref.name))
    .filter((p): p is Pod => p !== undefined)
  if (found.length === 1) return found[0]!
  if (found.length > 1) {
    const namespaces = found.map((p) => p.metadata.namespace!).sort()
    throw new FaultError(
      `pod "${ref.name}" is in more than one namespace (${namespaces.join(', ')}): write pod/<namespace>/${ref.name}`,
    )
  }
  const all = store.list<Pod>('Pod')
  throw new FaultError(
    `pod "${ref.name}" not found: ${all.length > 0 ? `pods are ${listed(all, true)}` : 'there are no pods'}`,
  )
}

const podRef = (pod: Pod) => `pod/${pod.metadata.namespace}/${pod.metadata.name}`

/** `kubectl delete pod`: a graceful deletion; its controller makes a replacement. */
export function deletePod(world: FaultWorld, pod: Pod): string {
  world.store.delete({ kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name })
  return `pod "${pod.metadata.name}" deleted`
}

function containerState(pod: Pod, name: string): string {
  const s = pod.status?.containerStatuses?.find((c) => c.name === name)?.state
  if (s?.waiting) return `waiting: ${s.waiting.reason}`
  if (s?.terminated) return `terminated: ${s.terminated.reason ?? 'Error'}`
  return 'not started'
}

/** `kill -9` of one container's process; a container that is not running is refused, with its state. */
export function killContainer(world: FaultWorld, pod: Pod, container?: string): string {
  const names = pod.spec.containers.map((c) => c.name)
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION]
  const name = container ?? (annotated && names.includes(annotated) ? annotated : names[0]!)
  const all = [...(pod.spec.initContainers ?? []).map((c) => c.name), ...names]
  if (!all.includes(name))
    throw new FaultError(
      `container "${name}" not found in ${podRef(pod)}: containers are ${all.join(', ')}`,
    )
  const { namespace, name: podName } = pod.metadata
  if (!world.kubelet.killContainer(namespace!, podName, name))
    throw new FaultError(
      `cannot kill container ${name} of ${podRef(pod)}: it is not running (${containerState(pod, name)})`,
    )
  return `container ${name} of ${podRef(pod)} killed (exit code 137)`
}
