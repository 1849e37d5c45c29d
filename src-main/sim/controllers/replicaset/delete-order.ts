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
  const restarts = (p: Pod): number =>
    (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0)
  const readySince = (p: Pod): number =>
    fromRfc3339(podCondition(p, 'Ready')?.lastTransitionTime ?? '') || nowMs
  const created = (p: Pod): string => p.metadata.creationTimestamp ?? ''
  const ranked = [...pods].sort((a, b) => {
    const aAssigned = a.spec.nodeName ? 1 : 0
    const bAssigned = b.spec.nodeName ? 1 : 0
    if (aAssigned !== bAssigned) return aAssigned - bAssigned
    const aPhase = phaseRank[a.status?.phase ?? 'Pending'] ?? 0
    const bPhase = phaseRank[b.status?.phase ?? 'Pending'] ?? 0
    if (aPhase !== bPhase) return aPhase - bPhase
    const aReady = isPodReady(a) ? 1 : 0
    const bReady = isPodReady(b) ? 1 : 0
    if (aReady !== bReady) return aReady - bReady
    const aDoubled = perNode.get(a.spec.nodeName ?? '') ?? 0
    const bDoubled = perNode.get(b.spec.nodeName ?? '') ?? 0
    if (aDoubled !== bDoubled) return bDoubled - aDoubled
    if (aReady && bReady) {
      const diff = readySince(b) - readySince(a)
      if (diff !== 0) return diff
    }
    const restartDiff = restarts(b) - restarts(a)
    if (restartDiff !== 0) return restartDiff
    if (created(a) !== created(b)) return created(a) > created(b) ? -1 : 1
    return a.metadata.name < b.metadata.name ? -1 : 1
  })
  return ranked.slice(0, count)
}
