import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/apps'
import { toRfc3339 } from '../../kernel/time'
import { deepEqual } from '../../store/equality'
import type { ControllerContext } from '../../runtime/context'
import {
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  Reasons,
  activeReplicaSets,
  byCreation,
  computeHash,
  copyDeploymentAnnotations,
  desiredReplicasAnnotation,
  findNewReplicaSet,
  findOldReplicaSets,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  proportion,
  replicasOf,
  revisionOf,
  setCondition,
  setReplicasAnnotations,
  sumActualReplicas,
  sumAvailableReplicas,
  sumReadyReplicas,
  sumSpecReplicas,
} from './util'

/**
 * The parts of `sync.go`: finding and creating ReplicaSets, scaling them, and
 * computing the Deployment's status. `d` is the controller's writable copy; every
 * write goes through `saveDeployment` so later steps see the new resourceVersion.
 */

const now = (ctx: ControllerContext): string => toRfc3339(ctx.clock.nowMs())

/** A ReplicaSet whose metadata, annotations and spec (top level) may be changed before writing it. */
function copyForWrite(rs: ReplicaSet): ReplicaSet {
  return {
    ...rs,
    metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations } },
    spec: { ...rs.spec },
  }
}

/** Persists annotation and status changes of the working copy `d`. */
export function saveDeployment(ctx: ControllerContext, d: Deployment): void {
  const stored = ctx.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name)
  if (!stored) return
  if (!deepEqual(stored.metadata.annotations ?? {}, d.metadata.annotations ?? {})) {
    const written = ctx.store.updateOwned<Deployment>({
      ...stored,
      metadata: { ...stored.metadata, annotations: { ...d.metadata.annotations } },
    })
    d.metadata.resourceVersion = written.metadata.resourceVersion
  }
  if (!deepEqual(stored.status ?? {}, d.status ?? {})) {
    const written = ctx.store.updateStatus<Deployment>({
      ...d,
      metadata: { ...d.metadata, resourceVersion: undefined },
      status: { ...d.status },
    })
    d.metadata.resourceVersion = written.metadata.resourceVersion
  }
}

function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = (d.metadata.annotations ??= {})
  if (annotations[REVISION_ANNOTATION] === revision) return false
  annotations[REVISION_ANNOTATION] = revision
  return true
}

/** `SetNewReplicaSetAnnotations`. */
/** Sets a new ReplicaSet's annotations from its Deployment in `annotations`; whether any changed. */
function setNewReplicaSetAnnotations(
  d: Deployment,
  annotations: Record<string, string>,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = copyDeploymentAnnotations(d, annotations)
  const had = annotations[REVISION_ANNOTATION]
  const oldRevision = had === undefined ? 0 : Number(had)
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision)
    changed = true
    // Re-using an old ReplicaSet (a rollback): remember the revisions it had.
    if (had !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION]
      annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${had}` : had
    }
  }
  if (!exists && setReplicasAnnotations(annotations, replicasOf(d), replicasOf(d) + maxSurge(d)))
    changed = true
  return changed
}

export interface ReplicaSets {
  newRS: ReplicaSet | undefined
  oldRSs: ReplicaSet[]
}

/** `getAllReplicaSetsAndSyncRevision`. */
export function getAllReplicaSetsAndSyncRevision(
  ctx: ControllerContext,
  d: Deployment,
  rsList: ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSets {
  const { all: oldRSs } = findOldReplicaSets(d, rsList)
  const newRS = getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted)
  return { newRS, oldRSs }
}

function getNewReplicaSet(
  ctx: ControllerContext,
  d: Deployment,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSet | undefined {
  const existing = findNewReplicaSet(d, rsList)
  const newRevision = maxRevision(oldRSs) + 1
  d.status ??= {}

  if (existing) {
    // Most syncs change nothing here: the ReplicaSet is copied for a write only when there is one.
    const annotations = { ...existing.metadata.annotations }
    const annotationsUpdated = setNewReplicaSetAnnotations(d, annotations, newRevision, true)
    const minReadyChanged = (existing.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)
    if (annotationsUpdated || minReadyChanged) {
      const rsCopy = copyForWrite(existing)
      rsCopy.metadata.annotations = annotations
      rsCopy.spec.minReadySeconds = d.spec.minReadySeconds
      return ctx.store.updateOwned(rsCopy)
    }
    let needsUpdate = setDeploymentRevision(d, annotations[REVISION_ANNOTATION] ?? '')
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      setCondition(
        d.status,
        newCondition(
          'Progressing',
          'True',
          Reasons.FoundNewRS,
          `Found new replica set "${existing.metadata.name}"`,
          now(ctx),
        ),
      )
      needsUpdate = true
    }
    if (needsUpdate) saveDeployment(ctx, d)
    return existing
  }
  if (!createIfNotExisted) return undefined

  const hash = computeHash(d.spec.template, undefined)
  // The pod spec is shared with the Deployment's template: neither is ever changed in place.
  const template = {
    ...d.spec.template,
    metadata: {
      ...d.spec.template.metadata,
      labels: { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
    },
  }
  const selector = {
    ...d.spec.selector,
    matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
  }
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: template.metadata.labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: d.metadata.name,
          uid: d.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
  }
  const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS)
  newRS.spec.replicas = replicas
  setNewReplicaSetAnnotations(d, (newRS.metadata.annotations ??= {}), newRevision, false)
  const created = ctx.store.createOwned(newRS)
  if (replicas > 0) {
    ctx.recorder.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata.name} to ${replicas}`,
      {
        component: 'deployment-controller',
      },
    )
  }
  setDeploymentRevision(d, String(newRevision))
  if (hasProgressDeadline(d)) {
    setCondition(
      d.status,
      newCondition(
        'Progressing',
        'True',
        Reasons.NewReplicaSet,
        `Created new replica set "${created.metadata.name}"`,
        now(ctx),
      ),
    )
  }
  saveDeployment(ctx, d)
  return created
}

/** `scaleReplicaSet`: sets the size and the replicas annotations; records an event when the size moved. */
export function scaleReplicaSet(
  ctx: ControllerContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  operation?: 'up' | 'down',
): ReplicaSet {
  const sizeChanged = replicasOf(rs) !== newScale
  const rsCopy = copyForWrite(rs)
  const annotations = rsCopy.metadata.annotations!
  const annotationsChanged = setReplicasAnnotations(
    annotations,
    replicasOf(d),
    replicasOf(d) + maxSurge(d),
  )
  if (!sizeChanged && !annotationsChanged) return rs
  const oldScale = replicasOf(rs)
  rsCopy.spec.replicas = newScale
  const written = ctx.store.updateOwned(rsCopy)
  if (sizeChanged) {
    const verb = operation ?? (oldScale < newScale ? 'up' : 'down')
    ctx.recorder.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}`,
      {
        component: 'deployment-controller',
      },
    )
  }
  return written
}

/** `scaleReplicaSetAndRecordEvent`: true when the size changed. */
export function scaleAndRecord(
  ctx: ControllerContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
): boolean {
  if (replicasOf(rs) === newScale) return false
  scaleReplicaSet(ctx, rs, newScale, d)
  return true
}

/** `isScalingEvent`: the Deployment's replicas moved while no template changed. */
export function isScalingEvent(
  ctx: ControllerContext,
  d: Deployment,
  rsList: ReplicaSet[],
): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false)
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs)
    if (desired !== undefined && desired !== replicasOf(d)) return true
  }
  return false
}

function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const newestFirst = [...oldRSs].sort(byCreation).reverse()
  const active = activeReplicaSets([...newestFirst, newRS])
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

/** `scale`: resize for a scaling event, proportionally across ReplicaSets mid-rollout. */
export function scale(
  ctx: ControllerContext,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs)
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) !== replicasOf(d))
      scaleAndRecord(ctx, activeOrLatest, replicasOf(d), d)
    return
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleAndRecord(ctx, old, 0, d)
    return
  }
  if (!isRollingUpdate(d)) return
  const all = activeReplicaSets([...oldRSs, newRS])
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0
  const toAdd = allowed - sumSpecReplicas(all)
  let operation: 'up' | 'down' | undefined
  if (toAdd > 0) {
    // ReplicaSetsBySizeNewer: larger first, newer first among equals.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || -byCreation(a, b))
    operation = 'up'
  } else if (toAdd < 0) {
    // ReplicaSetsBySizeOlder: larger first, older first among equals.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b))
    operation = 'down'
  }
  let added = 0
  const sizes = new Map<string, number>()
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added)
      sizes.set(rs.metadata.name, replicasOf(rs) + p)
      added += p
    } else {
      sizes.set(rs.metadata.name, replicasOf(rs))
    }
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0)
      sizes.set(rs.metadata.name, Math.max(0, sizes.get(rs.metadata.name)! + toAdd - added))
    scaleReplicaSet(ctx, rs, sizes.get(rs.metadata.name)!, d, operation)
  })
}

/** `calculateStatus`. */
export function calculateStatus(
  ctx: ControllerContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): DeploymentStatus {
  const available = sumAvailableReplicas(allRSs)
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: sumActualReplicas(allRSs),
    updatedReplicas: sumActualReplicas([newRS]),
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
  }
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition(
        'Available',
        'True',
        Reasons.MinimumReplicasAvailable,
        'Deployment has minimum availability.',
        now(ctx),
      ),
    )
  } else {
    setCondition(
      status,
      newCondition(
        'Available',
        'False',
        Reasons.MinimumReplicasUnavailable,
        'Deployment does not have minimum availability.',
        now(ctx),
      ),
    )
  }
  return status
}

/** `syncDeploymentStatus`. */
export function syncDeploymentStatus(
  ctx: ControllerContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): void {
  const next = calculateStatus(ctx, allRSs, newRS, d)
  if (deepEqual(d.status ?? {}, next)) return
  d.status = next
  saveDeployment(ctx, d)
}

/** `sync`: scaling events and paused Deployments. */
export function syncScaling(ctx: ControllerContext, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false)
  scale(ctx, d, newRS, oldRSs)
  const fresh = refresh(ctx, newRS, oldRSs)
  if (d.spec.paused) cleanupDeployment(ctx, fresh.oldRSs, d)
  syncDeploymentStatus(ctx, [...fresh.oldRSs, fresh.newRS], fresh.newRS, d)
}

/** Re-reads ReplicaSets after writes, dropping any that are gone. */
export function refresh(
  ctx: ControllerContext,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
): ReplicaSets {
  const get = (rs: ReplicaSet): ReplicaSet | undefined =>
    ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name)
  return {
    newRS: newRS && get(newRS),
    oldRSs: oldRSs.map(get).filter((rs): rs is ReplicaSet => rs !== undefined),
  }
}

/** `cleanupDeployment`: deletes the oldest idle ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(
  ctx: ControllerContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
): void {
  const limit = d.spec.revisionHistoryLimit
  if (limit === undefined) return
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp)
  const diff = cleanable.length - limit
  if (diff <= 0) return
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b))
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue
    ctx.store.delete({
      kind: 'ReplicaSet',
      namespace: rs.metadata.namespace,
      name: rs.metadata.name,
    })
  }
}
