import type { Deployment, ReplicaSet } from '../../api/apps'
import type { ControllerContext } from '../../runtime/context'
import { syncRolloutStatus } from './progress'
import {
  cleanupDeployment,
  getAllReplicaSetsAndSyncRevision,
  refresh,
  scaleAndRecord,
} from './sync'
import {
  activeReplicaSets,
  byCreation,
  deploymentComplete,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
  sumAvailableReplicas,
  sumSpecReplicas,
} from './util'

/**
 * `rolling.go`: one step of a rolling update per reconcile. Scale the new
 * ReplicaSet up as far as maxSurge allows; otherwise scale old ones down as far as
 * maxUnavailable allows; once complete, trim the history.
 */
export function rolloutRolling(ctx: ControllerContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true)
  const allRSs = [...oldRSs, newRS!]

  if (reconcileNewReplicaSet(ctx, allRSs, newRS!, d)) {
    const fresh = refresh(ctx, newRS, oldRSs)
    return syncRolloutStatus(ctx, [...fresh.oldRSs, fresh.newRS], fresh.newRS, d)
  }
  if (reconcileOldReplicaSets(ctx, allRSs, activeReplicaSets(oldRSs), newRS!, d)) {
    const fresh = refresh(ctx, newRS, oldRSs)
    return syncRolloutStatus(ctx, [...fresh.oldRSs, fresh.newRS], fresh.newRS, d)
  }
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d)
  const fresh = refresh(ctx, newRS, oldRSs)
  syncRolloutStatus(ctx, [...fresh.oldRSs, fresh.newRS], fresh.newRS, d)
}

function reconcileNewReplicaSet(
  ctx: ControllerContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false
  if (replicasOf(newRS) > replicasOf(d)) return scaleAndRecord(ctx, newRS, replicasOf(d), d)
  return scaleAndRecord(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d)
}

function reconcileOldReplicaSets(
  ctx: ControllerContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false
  const allPods = sumSpecReplicas(allRSs)
  const minAvailable = replicasOf(d) - maxUnavailable(d)
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0)
  const maxScaledDown = allPods - minAvailable - newRSUnavailable
  if (maxScaledDown <= 0) return false

  // Unhealthy old replicas go first: scaling them down costs no availability.
  const { remaining, cleaned } = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown)
  const fresh = remaining.map(
    (rs) => ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs,
  )
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...fresh, newRS], fresh, d)
  return cleaned + scaledDown > 0
}

function cleanupUnhealthyReplicas(
  ctx: ControllerContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanup: number,
): { remaining: ReplicaSet[]; cleaned: number } {
  const sorted = [...oldRSs].sort(byCreation)
  let total = 0
  for (const rs of sorted) {
    if (total >= maxCleanup) break
    const replicas = replicasOf(rs)
    const available = rs.status?.availableReplicas ?? 0
    if (replicas === 0 || replicas === available) continue
    const count = Math.min(maxCleanup - total, replicas - available)
    scaleAndRecord(ctx, rs, replicas - count, d)
    total += count
  }
  return { remaining: sorted, cleaned: total }
}

function scaleDownOldReplicaSetsForRollingUpdate(
  ctx: ControllerContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  d: Deployment,
): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d)
  const available = sumAvailableReplicas(allRSs)
  if (available <= minAvailable) return 0
  const totalToScaleDown = available - minAvailable
  let total = 0
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= totalToScaleDown) break
    if (replicasOf(rs) === 0) continue
    const count = Math.min(replicasOf(rs), totalToScaleDown - total)
    scaleAndRecord(ctx, rs, replicasOf(rs) - count, d)
    total += count
  }
  return total
}
