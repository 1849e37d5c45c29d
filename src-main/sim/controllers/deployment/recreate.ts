import type { Pod } from '../../api/core'
import type { Deployment, ReplicaSet } from '../../api/apps'
import type { ControllerContext } from '../../runtime/context'
import { syncRolloutStatus } from './progress'
import {
  cleanupDeployment,
  getAllReplicaSetsAndSyncRevision,
  refresh,
  scaleAndRecord,
} from './sync'
import { activeReplicaSets, deploymentComplete, replicasOf, sumActualReplicas } from './util'

/**
 * `recreate.go`: scale every old ReplicaSet to zero, wait until no old pod is left,
 * then create the new ReplicaSet at full size.
 */
export function rolloutRecreate(ctx: ControllerContext, d: Deployment, rsList: ReplicaSet[]): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false)

  let scaledDown = false
  for (const rs of activeReplicaSets(oldRSs)) {
    if (scaleAndRecord(ctx, rs, 0, d)) scaledDown = true
  }
  if (scaledDown) {
    const fresh = refresh(ctx, newRS, oldRSs)
    return syncRolloutStatus(ctx, [...fresh.oldRSs, fresh.newRS], fresh.newRS, d)
  }
  if (oldPodsRunning(ctx, newRS, oldRSs)) {
    return syncRolloutStatus(ctx, [...oldRSs, newRS], newRS, d)
  }
  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true))
  if (newRS && replicasOf(newRS) !== replicasOf(d)) scaleAndRecord(ctx, newRS, replicasOf(d), d)
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d)
  const fresh = refresh(ctx, newRS, oldRSs)
  syncRolloutStatus(ctx, [...fresh.oldRSs, fresh.newRS], fresh.newRS, d)
}

function oldPodsRunning(
  ctx: ControllerContext,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): boolean {
  if (sumActualReplicas(oldRSs) > 0) return true
  for (const rs of oldRSs) {
    if (rs.metadata.uid === newRS?.metadata.uid) continue
    for (const pod of ctx.store.dependents<Pod>(rs.metadata.uid!, 'Pod')) {
      const phase = pod.status?.phase
      if (phase !== 'Failed' && phase !== 'Succeeded') return true
    }
  }
  return false
}
