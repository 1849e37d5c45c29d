import type { Deployment, ReplicaSet } from '../../api/apps'
import { fromRfc3339, toRfc3339 } from '../../kernel/time'
import { deepEqual } from '../../store/equality'
import type { ControllerContext } from '../../runtime/context'
import { calculateStatus, saveDeployment } from './sync'
import {
  Reasons,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  newCondition,
  removeCondition,
  setCondition,
} from './util'

/**
 * `progress.go`: the Progressing condition. Progress moves lastUpdateTime; when
 * none is seen for progressDeadlineSeconds the condition turns False with
 * `ProgressDeadlineExceeded` (`stuckRequeueMs` says when to look again).
 */
export function syncRolloutStatus(
  ctx: ControllerContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): void {
  const next = calculateStatus(ctx, allRSs, newRS, d)
  const nowText = toRfc3339(ctx.clock.nowMs())
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing')

  const current = getCondition(d.status, 'Progressing')
  const complete =
    next.replicas === next.updatedReplicas && current?.reason === Reasons.NewRSAvailable
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata.name
    if (deploymentComplete(d, next)) {
      const msg = rsName
        ? `ReplicaSet "${rsName}" has successfully progressed.`
        : `Deployment "${d.metadata.name}" has successfully progressed.`
      setCondition(next, newCondition('Progressing', 'True', Reasons.NewRSAvailable, msg, nowText))
    } else if (deploymentProgressing(d, next)) {
      const msg = rsName
        ? `ReplicaSet "${rsName}" is progressing.`
        : `Deployment "${d.metadata.name}" is progressing.`
      const condition = newCondition('Progressing', 'True', Reasons.ReplicaSetUpdated, msg, nowText)
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime
        removeCondition(next, 'Progressing')
      }
      setCondition(next, condition)
    } else if (deploymentTimedOut(d, next, ctx.clock.nowMs(), fromRfc3339)) {
      const msg = rsName
        ? `ReplicaSet "${rsName}" has timed out progressing.`
        : `Deployment "${d.metadata.name}" has timed out progressing.`
      setCondition(next, newCondition('Progressing', 'False', Reasons.TimedOut, msg, nowText))
    }
  }

  if (deepEqual(d.status ?? {}, next)) return
  d.status = next
  saveDeployment(ctx, d)
}

/**
 * `requeueStuckDeployment`: when a rollout shows no progress, look again just
 * after its deadline so the timeout is noticed on time.
 */
export function stuckRequeueMs(d: Deployment, nowMs: number): number | undefined {
  const current = getCondition(d.status, 'Progressing')
  if (!hasProgressDeadline(d) || !current) return undefined
  if (deploymentComplete(d, d.status ?? {}) || current.reason === Reasons.TimedOut) return undefined
  const after =
    fromRfc3339(current.lastUpdateTime ?? '') +
    (d.spec.progressDeadlineSeconds ?? 600) * 1000 -
    nowMs
  // A condition without a readable time cannot say when the deadline falls.
  if (Number.isNaN(after)) return undefined
  return after < 1000 ? 1000 : after + 1000
}
