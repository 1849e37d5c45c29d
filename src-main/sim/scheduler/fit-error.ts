import type { FilterResult } from './plugins'

/**
 * `FitError.Error()` from `pkg/scheduler/framework/types.go`, with the preemption
 * post-filter message the default profile appends:
 * `0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..`
 */
export function fitErrorMessage(totalNodes: number, results: readonly FilterResult[]): string {
  const histogram = (entries: string[]): string => {
    const counts = new Map<string, number>()
    for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1)
    return [...counts]
      .map(([reason, n]) => `${n} ${reason}`)
      .sort()
      .join(', ')
  }
  let message = `0/${totalNodes} nodes are available:`
  const reasons = histogram(results.flatMap((r) => r.reasons))
  if (reasons) message += ` ${reasons}.`
  if (totalNodes === 0) return message
  const preemption = histogram(
    results.map((r) =>
      r.unresolvable
        ? 'Preemption is not helpful for scheduling'
        : 'No preemption victims found for incoming pod',
    ),
  )
  return `${message} preemption: 0/${totalNodes} nodes are available: ${preemption}..`
}
