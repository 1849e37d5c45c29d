import type { Node, Pod, Taint } from '../api/core'
import { isPodTerminal } from '../api/pod-util'
import type { WatchEvent } from '../store/store'
import { ClusterEvent } from './unschedulable-pods'

function sameMap(
  a: Readonly<Record<string, unknown>> = {},
  b: Readonly<Record<string, unknown>> = {},
) {
  if (a === b) return true
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) if (a[k] !== b[k]) return false
  return true
}

function sameTaints(a: readonly Taint[] = [], b: readonly Taint[] = []): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  return a.every(
    (t, i) => t.key === b[i]!.key && t.value === b[i]!.value && t.effect === b[i]!.effect,
  )
}

/** What a node change means to pods waiting to be scheduled. */
export function nodeEvents({ type, object, old }: WatchEvent): number {
  if (type === 'ADDED') return ClusterEvent.NodeAdd
  if (type === 'DELETED') return ClusterEvent.NodeDelete
  const before = old as Node
  const after = object as Node
  let events = 0
  if (!sameMap(before.metadata.labels, after.metadata.labels)) events |= ClusterEvent.NodeLabel
  if (!sameTaints(before.spec.taints, after.spec.taints)) events |= ClusterEvent.NodeTaint
  if (Boolean(before.spec.unschedulable) !== Boolean(after.spec.unschedulable))
    events |= ClusterEvent.NodeUnschedulable
  if (!sameMap(before.status?.allocatable, after.status?.allocatable))
    events |= ClusterEvent.NodeAllocatable
  return events
}

function holds(pod: Pod | undefined): boolean {
  return pod !== undefined && Boolean(pod.spec.nodeName) && !isPodTerminal(pod)
}

/** What a pod change means to the others waiting: a pod took or freed a place, or relabelled. */
export function podEvents({ type, object, old }: WatchEvent): number {
  const before = type === 'ADDED' ? undefined : ((old ?? object) as Pod)
  const after = type === 'DELETED' ? undefined : (object as Pod)
  const was = holds(before)
  const is = holds(after)
  if (!was && is) return ClusterEvent.PodAdd
  if (was && !is) return ClusterEvent.PodDelete
  if (was && is && before!.metadata.labels !== after!.metadata.labels) {
    if (!sameMap(before!.metadata.labels, after!.metadata.labels)) return ClusterEvent.PodLabel
  }
  return 0
}
