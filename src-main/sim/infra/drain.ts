import type { Node, Pod } from '../api/core'
import { controllerRef } from '../api/pod-util'
import type { TimerHandle, VirtualClock } from '../kernel/clock'
import { ApiError } from '../store/errors'
import { evictPod } from '../store/eviction'
import type { ObjectStore } from '../store/store'

/** `kubectl drain` tries a refused eviction again this long after (`evictPods`). */
export const EVICTION_RETRY_MS = 5_000
/** How often it looks whether an evicted pod is gone (`waitForDelete`). */
const DELETE_POLL_MS = 1_000
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror'
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'

export interface DrainWorld {
  store: ObjectStore
  clock: VirtualClock
}

/** A drain under way: what it still waits for, and what it has said. */
export interface DrainProgress {
  readonly log: string[]
  done: boolean
  /** Pods still on the node, by `namespace/name`, with the uid the drain saw. */
  readonly pending: Map<string, string>
  timer?: TimerHandle
}

const drains = new WeakMap<ObjectStore, Map<string, DrainProgress>>()

/** The drain of a node started last, if any: its log, and whether every pod is gone. */
export function drainProgress(store: ObjectStore, nodeName: string): DrainProgress | undefined {
  return drains.get(store)?.get(nodeName)
}

/** `kubectl cordon` / `uncordon`: sets `spec.unschedulable`; uncordoning also stops a drain. */
export function setCordon(world: DrainWorld, node: Node, cordoned: boolean): string {
  const name = node.metadata.name
  if (!cordoned) {
    const progress = drainProgress(world.store, name)
    progress?.timer?.cancel()
    drains.get(world.store)?.delete(name)
  }
  const verb = cordoned ? 'cordoned' : 'uncordoned'
  if ((node.spec?.unschedulable ?? false) === cordoned) return `node/${name} already ${verb}`
  const spec = { ...node.spec }
  if (cordoned) spec.unschedulable = true
  else delete spec.unschedulable
  world.store.update<Node>({ ...node, spec })
  return `node/${name} ${verb}`
}

/**
 * `kubectl drain <node> --ignore-daemonsets`: cordons the node, then evicts its
 * pods through the eviction subresource, trying a refused one again every 5 s
 * until every pod is gone. DaemonSet and mirror pods stay; a pod no controller
 * would recreate stops the drain before any eviction, as without `--force`.
 */
export function drainNode(world: DrainWorld, node: Node): string {
  const name = node.metadata.name
  const lines = [setCordon(world, node, true)]
  drainProgress(world.store, name)?.timer?.cancel()
  const pods = world.store.list<Pod>('Pod', { fieldSelector: { 'spec.nodeName': name } })
  const daemons: string[] = []
  const unmanaged: string[] = []
  const targets: Pod[] = []
  for (const pod of pods) {
    const ref = `${pod.metadata.namespace}/${pod.metadata.name}`
    if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) continue
    const owner = controllerRef(pod)
    if (owner?.kind === 'DaemonSet') daemons.push(ref)
    else if (!owner && !isFinished(pod)) unmanaged.push(ref)
    else targets.push(pod)
  }
  if (unmanaged.length > 0) {
    drains.get(world.store)?.delete(name)
    lines.push(
      `error: unable to drain node "${name}" due to error: ${UNMANAGED_FATAL}: ${unmanaged.join(', ')}, continuing command...`,
      'There are pending nodes to be drained:',
      ` ${name}`,
      `${UNMANAGED_FATAL}: ${unmanaged.join(', ')}`,
    )
    return lines.join('\n')
  }
  if (daemons.length > 0)
    lines.push(`Warning: ignoring DaemonSet-managed Pods: ${daemons.join(', ')}`)
  const progress: DrainProgress = { log: lines, done: false, pending: new Map() }
  for (const pod of targets)
    progress.pending.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata.uid!)
  let perStore = drains.get(world.store)
  if (!perStore) drains.set(world.store, (perStore = new Map()))
  perStore.set(name, progress)
  attempt(world, name, progress)
  return progress.log.join('\n')
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** One pass of the drain: evicts what is still there, notes what is gone, and comes back if needed. */
function attempt(world: DrainWorld, nodeName: string, progress: DrainProgress): void {
  progress.timer = undefined
  let refused = false
  for (const [key, uid] of progress.pending) {
    const [namespace, podName] = key.split('/') as [string, string]
    const pod = world.store.get<Pod>('Pod', namespace, podName)
    if (!pod || pod.metadata.uid !== uid) {
      progress.pending.delete(key)
      progress.log.push(`pod/${podName} evicted`)
      continue
    }
    if (pod.metadata.deletionTimestamp) continue
    progress.log.push(`evicting pod ${key}`)
    try {
      evictPod(world.store, world.clock, namespace, podName)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.code === 429) {
        refused = true
        progress.log.push(
          `error when evicting pods/"${podName}" -n "${namespace}" (will retry after 5s): ${e.message}`,
        )
      } else if (e.code === 404) {
        progress.pending.delete(key)
        progress.log.push(`pod/${podName} evicted`)
      } else {
        // Anything but "try later" ends kubectl's drain of this pod with the error.
        progress.pending.delete(key)
        progress.log.push(`error when evicting pods/"${podName}" -n "${namespace}": ${e.message}`)
      }
    }
  }
  if (progress.pending.size === 0) {
    progress.done = true
    progress.log.push(`node/${nodeName} drained`)
    return
  }
  progress.timer = world.clock.after(
    refused ? EVICTION_RETRY_MS : DELETE_POLL_MS,
    `drain ${nodeName}`,
    () => attempt(world, nodeName, progress),
  )
}
