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
  // Each pod's ranks are read once, not in every comparison of the sort.
  const ranked = pods.map((pod) => {
    const node = pod.spec.nodeName
    const ready = isPodReady(pod)
    return {
      pod,
      assigned: node ? 1 : 0,
      phase: phaseRank[pod.status?.phase ?? 'Pending'] ?? 0,
      ready: ready ? 1 : 0,
      doubled: perNode.get(node ?? '') ?? 0,
      readySince: ready
        ? fromRfc3339(podCondition(pod, 'Ready')?.lastTransitionTime ?? '') || nowMs
        : nowMs,
      restarts: (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
      created: pod.metadata.creationTimestamp ?? '',
      name: pod.metadata.name,
    }
  })
  ranked.sort((a, b) => {
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
    return a.name < b.name ? -1 : 1
  })
  return ranked.slice(0, count).map((r) => r.pod)
}
