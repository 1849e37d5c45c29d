import type { Status } from './framework'

/** `ErrNoNodesAvailable`: with no node at all there is nothing to filter or preempt. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods'

function histogram(entries: Iterable<string>): string {
  const counts = new Map<string, number>()
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1)
  return [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort()
    .join(', ')
}

function* reasons(statuses: readonly Status[]): Iterable<string> {
  for (const s of statuses) yield* s.reasons
}

/**
 * `FitError.Error()` (`pkg/scheduler/framework/types.go`) followed by the message of
 * the default preemption PostFilter, with every pod at the same priority:
 * `0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`
 * `statuses` holds one status per node; a PreFilter rejection stands for them all.
 */
export function fitErrorMessage(
  numAllNodes: number,
  statuses: readonly Status[],
  preFilterMessage?: string,
): string {
  if (numAllNodes === 0) return NO_NODES_AVAILABLE
  let message = `0/${numAllNodes} nodes are available:`
  if (preFilterMessage) message += ` ${preFilterMessage}.`
  else {
    const filters = histogram(reasons(statuses))
    if (filters) message += ` ${filters}.`
  }
  const preemption = preFilterMessage
    ? `${numAllNodes} Preemption is not helpful for scheduling`
    : histogram(
        statuses.map((s) =>
          s.unresolvable
            ? 'Preemption is not helpful for scheduling'
            : 'No preemption victims found for incoming pod',
        ),
      )
  return `${message} preemption: 0/${numAllNodes} nodes are available: ${preemption}.`
}
