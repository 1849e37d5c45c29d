import type { Condition, ConditionStatus } from '../api/meta'

export interface ConditionUpdate {
  type: string
  status: ConditionStatus
  reason: string
  message: string
}

/**
 * `meta.SetStatusCondition`: replaces or adds a condition; lastTransitionTime
 * moves only when the status does, so a status rebuilt with nothing new is
 * equal to the one stored and writes nothing.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  nowText: string,
): Condition[] {
  const list = conditions ?? []
  const before = list.find((c) => c.type === update.type)
  const next: Condition = {
    ...update,
    lastTransitionTime:
      before && before.status === update.status ? before.lastTransitionTime : nowText,
  }
  if (
    before &&
    before.status === next.status &&
    before.reason === next.reason &&
    before.message === next.message
  )
    return list as Condition[]
  return before ? list.map((c) => (c === before ? next : c)) : [...list, next]
}

export function removeCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition[] | undefined {
  if (!conditions?.some((c) => c.type === type)) return conditions as Condition[] | undefined
  return conditions.filter((c) => c.type !== type)
}

export function conditionOf(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type)
}
