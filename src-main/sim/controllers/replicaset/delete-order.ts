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
export function podsToDelete(pods: Pod[], count: number, nowMs: number): Pod[] {
  const perNode = new Map<string, number>()
  for (const pod of pods) {
    const node = pod.spec.nodeName ?? ''
    perNode.set(node, (perNode.get(node) ?? 0) + 1)
  }
  // Pods made together share their Ready times: each distinct one is parsed once.
  const readyTimes = new Map<string, number>()
  const readySince = (pod: Pod): number => {
    const text = podCondition(pod, 'Ready')?.lastTransitionTime ?? ''
    let ms = readyTimes.get(text)
    if (ms === undefined) readyTimes.set(text, (ms = fromRfc3339(text) || nowMs))
    return ms
  }
  // Each pod's ranks are read once, not in every comparison.
  const ranked = pods.map((pod): Ranked => {
    const node = pod.spec.nodeName
    const ready = isPodReady(pod)
    return {
      pod,
      assigned: node ? 1 : 0,
      phase: phaseRank[pod.status?.phase ?? 'Pending'] ?? 0,
      ready: ready ? 1 : 0,
      doubled: perNode.get(node ?? '') ?? 0,
      readySince: ready ? readySince(pod) : nowMs,
      restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
      created: pod.metadata.creationTimestamp ?? '',
      name: pod.metadata.name,
    }
  })
  return firstRanked(ranked, count).map((r) => r.pod)
}

interface Ranked {
  pod: Pod
  assigned: number
  phase: number
  ready: number
  doubled: number
  readySince: number
  restarts: number
  created: string
  name: string
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
