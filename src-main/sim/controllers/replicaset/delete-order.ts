import type { Pod } from '../../api/core'
import { isPodReady, podCondition } from '../../api/pod-util'
import { fromRfc3339 } from '../../kernel/time'

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

/**
 * Which pods a ReplicaSet scales down first (`ActivePodsWithRanks` in
 * `controller_utils.go`): unscheduled before scheduled, pending before running,
 * not ready before ready, pods doubled up on a node before lone ones, ready for
 * less time before longer, more restarts before fewer, newer before older.
 */
export function podsToDelete(pods: Iterable<Pod>, count: number, nowMs: number): Pod[] {
  const perNode = new Map<string, number>()
  const ranked: Ranked[] = []
  for (const pod of pods) {
    const r = rankOf(pod)
    perNode.set(r.node, (perNode.get(r.node) ?? 0) + 1)
    ranked.push(r)
  }
  for (const r of ranked) {
    r.doubled = perNode.get(r.node)!
    // A ready pod without a transition time counts as ready since now.
    r.readySince = r.ready ? r.readyAtMs || nowMs : nowMs
  }
  return firstRanked(ranked, count).map((r) => r.pod)
}

/**
 * Each stored pod's ranks, worked out once: a rate-limited scale-down of a
 * large ReplicaSet ranks the same pods sync after sync. Stored pods never
 * change, so a pod object's ranks hold for as long as it lives.
 */
const ranks = new WeakMap<Pod, Ranked>()

function rankOf(pod: Pod): Ranked {
  let r = ranks.get(pod)
  if (r) return r
  const node = pod.spec.nodeName
  const ready = isPodReady(pod)
  r = {
    pod,
    node: node ?? '',
    assigned: node ? 1 : 0,
    phase: phaseRank[pod.status?.phase ?? 'Pending'] ?? 0,
    ready: ready ? 1 : 0,
    doubled: 0,
    readyAtMs: ready ? fromRfc3339(podCondition(pod, 'Ready')?.lastTransitionTime ?? '') : 0,
    readySince: 0,
    restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
    created: pod.metadata.creationTimestamp ?? '',
    name: pod.metadata.name,
  }
  ranks.set(pod, r)
  return r
}

interface Ranked {
  readonly pod: Pod
  readonly node: string
  readonly assigned: number
  readonly phase: number
  readonly ready: number
  /** How many of the pods being ranked share its node: set for each ranking. */
  doubled: number
  readonly readyAtMs: number
  /** `readyAtMs`, or now when it has none: set for each ranking. */
  readySince: number
  readonly restarts: number
  readonly created: string
  readonly name: string
}

function compareRanks(a: Ranked, b: Ranked): number {
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
function firstRanked(ranked: Ranked[], count: number): Ranked[] {
  if (count * 16 >= ranked.length) return ranked.sort(compareRanks).slice(0, count)
  const best: Ranked[] = []
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
