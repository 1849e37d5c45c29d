import type { Node, Pod } from '../../api/core'
import { isPodAvailable } from '../../api/pod-util'
import type { ManageContext } from './manage'
import { isPodUpdated, surgeCount, unavailableCount } from './util'

/** What a rolling pass asks `syncNodes` to do. */
export interface RollingWork {
  deletePods: Pod[]
  createOn: string[]
}

/**
 * `findUpdatedPodsOnNode`: the node's one new and one old pod, ignoring pods being
 * deleted; undefined when there are more, which the manage pass prunes first.
 */
function updatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined
  let oldPod: Pod | undefined
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    if (isPodUpdated(pod, hash)) {
      if (newPod) return undefined
      newPod = pod
    } else {
      if (oldPod) return undefined
      oldPod = pod
    }
  }
  return { newPod, oldPod }
}

/**
 * `updatedDesiredNodeCounts`: how many nodes should run a pod, and how far the
 * update may go (both rounded up; neither set means one unavailable). Nodes that
 * should run a pod but have none are added to `byNode` with no pods.
 */
function desiredCounts(
  m: ManageContext,
  nodes: readonly Node[],
  byNode: Map<string, Pod[]>,
): { maxSurge: number; maxUnavailable: number; desired: number } {
  let desired = 0
  for (const node of nodes) {
    if (!m.shouldRun(node).shouldRun) continue
    desired++
    if (!byNode.has(node.metadata.name)) byNode.set(node.metadata.name, [])
  }
  let maxUnavailable = unavailableCount(m.ds, desired)
  const maxSurge = surgeCount(m.ds, desired)
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1
  return { maxSurge, maxUnavailable, desired }
}

/**
 * `rollingUpdate` (`update.go`). Without surge, old pods are deleted while the
 * count of nodes without an available pod stays within maxUnavailable (a node
 * whose pod is being replaced counts as unavailable), and the manage pass
 * recreates them. With surge, a new pod starts beside an old one, and the old one
 * goes once the new one is available. Nodes are visited in name order, where
 * upstream visits them in map order.
 */
export function rollingUpdate(
  m: ManageContext,
  nodes: readonly Node[],
  byNode: Map<string, Pod[]>,
): RollingWork {
  const { maxSurge, maxUnavailable, desired } = desiredCounts(m, nodes, byNode)
  const nowMs = m.ctx.clock.nowMs()
  const minReady = m.ds.spec.minReadySeconds ?? 0
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReady, nowMs)
  const names = [...byNode.keys()].sort()
  const work: RollingWork = { deletePods: [], createOn: [] }
  if (maxSurge === 0) {
    let unavailable = 0
    const replacements: Pod[] = []
    const candidates: Pod[] = []
    for (const name of names) {
      const found = updatedPodsOnNode(byNode.get(name)!, m.hash)
      if (!found) {
        unavailable++
        continue
      }
      const { newPod, oldPod } = found
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++
      else if (newPod) {
        if (!available(newPod)) unavailable++
      } else if (!available(oldPod!)) {
        replacements.push(oldPod!)
        unavailable++
      } else if (unavailable < maxUnavailable) candidates.push(oldPod!)
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length)
    work.deletePods.push(...replacements, ...candidates.slice(0, remaining))
    return work
  }
  return surgeUpdate(m, nodes, byNode, names, { maxSurge, desired, available })
}

function surgeUpdate(
  m: ManageContext,
  nodes: readonly Node[],
  byNode: Map<string, Pod[]>,
  names: readonly string[],
  limits: { maxSurge: number; desired: number; available: (pod: Pod) => boolean },
): RollingWork {
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name, n]))
  const shouldRun = (name: string): boolean => {
    const node = nodeByName.get(name)
    return node !== undefined && m.shouldRun(node).shouldRun
  }
  const work: RollingWork = { deletePods: [], createOn: [] }
  const shouldNotRun: Pod[] = []
  const candidates: string[] = []
  const allowed: string[] = []
  let surging = 0
  let numAvailable = 0
  for (const name of names) {
    const found = updatedPodsOnNode(byNode.get(name)!, m.hash)
    if (!found) {
      surging++
      continue
    }
    const { newPod, oldPod } = found
    if (oldPod ? limits.available(oldPod) : newPod && limits.available(newPod)) numAvailable++
    if (!oldPod) continue
    if (!newPod) {
      if (!limits.available(oldPod)) {
        if (!shouldRun(name)) work.deletePods.push(oldPod)
        else allowed.push(name)
      } else if (!shouldRun(name)) shouldNotRun.push(oldPod)
      else if (surging < limits.maxSurge) candidates.push(name)
      continue
    }
    if (!limits.available(newPod)) surging++
    else work.deletePods.push(oldPod)
  }
  const deletable = Math.min(numAvailable - limits.desired, shouldNotRun.length)
  if (deletable > 0) work.deletePods.push(...shouldNotRun.slice(0, deletable))
  const remaining = Math.min(Math.max(0, limits.maxSurge - surging), candidates.length)
  work.createOn.push(...allowed, ...candidates.slice(0, remaining))
  return work
}
