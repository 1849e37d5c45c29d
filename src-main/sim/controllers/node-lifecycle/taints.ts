import type { Node, Taint } from '../../api/core'
import { nodeConditions, nodeTaints } from '../../api/node-util'

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'

export const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NOT_READY, effect: 'NoExecute' }
export const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_UNREACHABLE, effect: 'NoExecute' }

/** `nodeConditionToTaintKeyStatusMap`: which condition, in which status, taints the node with which key. */
const CONDITION_TAINTS: Record<string, Partial<Record<string, string>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
}

/** `taintKeyToNodeConditionMap`, plus the cordon's: the NoSchedule taints this controller owns. */
const OWNED_NO_SCHEDULE = new Set([
  ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m) as string[]),
  TAINT_UNSCHEDULABLE,
])

const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect

export function hasTaint(node: Node, taint: Taint): boolean {
  return nodeTaints(node).some((t) => same(t, taint))
}

/**
 * `doNoScheduleTaintingPass`: the NoSchedule taints the node's conditions and
 * cordon call for, against those of them it has.
 */
export function noScheduleTaintDiff(node: Node): { add: Taint[]; remove: Taint[] } {
  const want: Taint[] = []
  for (const c of nodeConditions(node)) {
    const key = CONDITION_TAINTS[c.type]?.[c.status]
    if (key) want.push({ key, effect: 'NoSchedule' })
  }
  if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })
  const have = nodeTaints(node).filter(
    (t) => t.effect === 'NoSchedule' && OWNED_NO_SCHEDULE.has(t.key),
  )
  return {
    add: want.filter((w) => !have.some((h) => same(h, w))),
    remove: have.filter((h) => !want.some((w) => same(h, w))),
  }
}

/**
 * `SwapNodeControllerTaint`: adds the taints the node lacks (stamped with the
 * time they were added) and takes the others off. Undefined when nothing changes.
 */
export function swapTaints(
  taints: readonly Taint[] | undefined,
  add: readonly Taint[],
  remove: readonly Taint[],
  nowText: string,
): Taint[] | undefined {
  const current = taints ?? []
  const kept = current.filter((t) => !remove.some((r) => same(r, t)))
  const added = add
    .filter((a) => !kept.some((t) => same(t, a)))
    .map((a) => ({ ...a, timeAdded: nowText }))
  if (added.length === 0 && kept.length === current.length) return undefined
  return [...kept, ...added]
}
