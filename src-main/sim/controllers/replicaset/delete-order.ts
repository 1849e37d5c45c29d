import type { Pod } from '../../api/core'
import { isPodReady, podCondition } from '../../api/pod-util'
import { fromRfc3339 } from '../../kernel/time'

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

/** A pod as a ReplicaSet sync sees it: the stored object, and its ranks once worked out. */
export interface RankedPod {
  readonly pod: Pod
  /** Stored pods never change: the ranks of one hold for as long as it is the pod's latest version. */
  ranks?: Ranks
}

/**
 * Which pods a ReplicaSet scales down first (`ActivePodsWithRanks` in
 * `controller_utils.go`): unscheduled before scheduled, pending before running,
 * not ready before ready, pods doubled up on a node before lone ones, ready for
 * less time before longer, more restarts before fewer, newer before older.
 */
export function podsToDelete(pods: Iterable<Pod>, count: number, nowMs: number): Pod[] {
  return victims(
    Array.from(pods, (pod) => ({ pod })),
    count,
    nowMs,
  )
}

/**
 * `podsToDelete` over pods whose ranks may be known already: a rate-limited
 * scale-down of a large ReplicaSet ranks the same pods sync after sync.
 */
export function victims(pods: Iterable<RankedPod>, count: number, nowMs: number): Pod[] {
  const ranked: Ranks[] = []
  for (const entry of pods) ranked.push((entry.ranks ??= ranksOf(entry.pod)))
  const perNode = new Int32Array(nodeIds.size)
  for (const r of ranked) perNode[r.node]!++
  for (const r of ranked) {
    r.doubled = perNode[r.node]!
    r.readySince = readySince(r, nowMs)
  }
  return firstRanked(ranked, count).map((r) => r.pod)
}

/** A ready pod without a transition time counts as ready since now. */
export function readySince(r: Ranks, nowMs: number): number {
  return r.ready ? r.readyAtMs || nowMs : nowMs
}

/** Node names as small numbers, so pods are counted per node in an array, not a map. */
const nodeIds = new Map<string, number>()

function nodeId(name: string): number {
  let id = nodeIds.get(name)
  if (id === undefined) nodeIds.set(name, (id = nodeIds.size))
  return id
}

/** A pod's ranks, as they are until the pod is written again. */
export function ranksOf(pod: Pod): Ranks {
  const node = pod.spec.nodeName
  const ready = isPodReady(pod)
  return {
    pod,
    node: nodeId(node ?? ''),
    assigned: node ? 1 : 0,
    phase: phaseRank[pod.status?.phase ?? 'Pending'] ?? 0,
    ready: ready ? 1 : 0,
    doubled: 0,
    // Times are doubles from the start: a field first set to a small integer and
    // later to a timestamp changes the layout of every object that has it, and
    // ranking then runs several times slower.
    readyAtMs: ready ? fromRfc3339(podCondition(pod, 'Ready')?.lastTransitionTime ?? '') : NaN,
    readySince: NaN,
    restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
    created: pod.metadata.creationTimestamp ?? '',
    name: pod.metadata.name,
  }
}

/** One pod's ranks; `doubled` and `readySince` are set afresh for each ranking. */
export interface Ranks {
  readonly pod: Pod
  /** Its node's number in `nodeIds` (the empty name for an unscheduled pod). */
  readonly node: number
  readonly assigned: number
  readonly phase: number
  readonly ready: number
  /** How many of the pods being ranked share its node. */
  doubled: number
  readonly readyAtMs: number
  /** `readyAtMs`, or now when it has none. */
  readySince: number
  readonly restarts: number
  readonly created: string
  readonly name: string
}

/** Negative when `a` goes before `b`. */
export function compareRanks(a: Ranks, b: Ranks): number {
  if (a.assigned !== b.assigned) return a.assigned - b.assigned
  if (a.phase !== b.phase) return a.phase - b.phase
  if (a.ready !== b.ready) return a.ready - b.ready
  if (a.doubled !== b.doubled) return b.doubled - a.doubled
  if (a.ready && b.ready) {
    const diff = b.readySince - a.readySince
    if (diff !== 0) return diff
  }
  const restartDiff = b.restarts - a.restarts
  if (restartDiff !== 0) return restartDiff
  if (a.created !== b.created) return a.created > b.created ? -1 : 1
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/**
 * The `count` first in rank order. A rate-limited scale-down deletes a few pods
 * of a large ReplicaSet per sync: picking them in one pass costs less than
 * sorting them all. Names are unique, so both ways give the same pods.
 */
function firstRanked(ranked: Ranks[], count: number): Ranks[] {
  if (count * 16 >= ranked.length) return ranked.sort(compareRanks).slice(0, count)
  const best: Ranks[] = []
  for (const r of ranked) {
    if (best.length === count && compareRanks(r, best[count - 1]!) >= 0) continue
    let i = Math.min(best.length, count - 1)
    if (best.length < count) best.push(r)
    while (i > 0 && compareRanks(r, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!
      i--
    }
    best[i] = r
  }
  return best
}
