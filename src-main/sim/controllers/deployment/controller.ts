import type { KubeObject } from '../../api/meta'
import type { Deployment, ReplicaSet } from '../../api/apps'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { stuckRequeueMs } from './progress'
import { rolloutRecreate } from './recreate'
import { rolloutRolling } from './rolling'
import { isScalingEvent, saveDeployment, syncScaling } from './sync'
import { Reasons, getCondition, hasProgressDeadline, newCondition, setCondition } from './util'
import { toRfc3339 } from '../../kernel/time'
import { selectorMatchesLabels } from '../../store/labels'
import { OrphanReplicaSets } from './adoption'

/**
 * The deployment controller (`deployment_controller.go` `syncDeployment`): watches
 * Deployments and the ReplicaSets they own, and moves each Deployment one step
 * towards its spec per reconcile.
 */
export class DeploymentController implements Controller {
  readonly name = 'deployment-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly orphans = new OrphanReplicaSets()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Deployment') this.queue.add(namespacedName(object))
        else if (object.kind === 'ReplicaSet') {
          this.enqueueOwner(object, old)
          if (this.orphans.observe(object, type === 'DELETED')) this.enqueueAdopters(object)
        } else if (type === 'DELETED') this.enqueueRecreateOwner(object)
      },
      ['Deployment', 'ReplicaSet', 'Pod'],
    )
  }

  private enqueueOwner(rs: KubeObject, old?: KubeObject): void {
    for (const obj of old ? [rs, old] : [rs]) {
      const ref = obj.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment')
      if (ref) this.queue.add(`${obj.metadata.namespace}/${ref.name}`)
    }
  }

  /** An orphan concerns every Deployment of its namespace whose selector matches it (`addReplicaSet`). */
  private enqueueAdopters(rs: KubeObject): void {
    const labels = rs.metadata.labels ?? {}
    for (const d of this.ctx.store.list<Deployment>('Deployment', {
      namespace: rs.metadata.namespace,
    }))
      if (selectorMatchesLabels(d.spec.selector, labels)) this.queue.add(namespacedName(d))
  }

  /** Recreate waits for old pods to be gone, so their deletion concerns the Deployment. */
  private enqueueRecreateOwner(pod: KubeObject): void {
    const rsRef = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet')
    const rs =
      rsRef && this.ctx.store.get<ReplicaSet>('ReplicaSet', pod.metadata.namespace, rsRef.name)
    if (rs) this.enqueueOwner(rs)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const stored = this.ctx.store.get<Deployment>('Deployment', namespace, name)
    if (!stored || stored.metadata.deletionTimestamp) return
    this.orphans.adopt(this.ctx, stored)
    // The working copy: its annotations and status change as the steps go; the spec is only read.
    const d: Deployment = {
      ...stored,
      metadata: { ...stored.metadata, annotations: { ...stored.metadata.annotations } },
      status: { ...stored.status },
    }
    this.checkPausedConditions(d)
    if (d.spec.paused) {
      syncScaling(this.ctx, d, this.ownedReplicaSets(d))
    } else if (isScalingEvent(this.ctx, d, this.ownedReplicaSets(d))) {
      syncScaling(this.ctx, d, this.ownedReplicaSets(d))
    } else if (d.spec.strategy?.type === 'Recreate') {
      rolloutRecreate(this.ctx, d, this.ownedReplicaSets(d))
    } else {
      rolloutRolling(this.ctx, d, this.ownedReplicaSets(d))
    }
    const latest = this.ctx.store.get<Deployment>('Deployment', namespace, name)
    const requeue = latest && stuckRequeueMs(latest, this.ctx.clock.nowMs())
    return requeue === undefined ? undefined : { requeueAfterMs: requeue }
  }

  /** Listed afresh before each step, since the step before may have written ReplicaSets. */
  private ownedReplicaSets(d: Deployment): ReplicaSet[] {
    return this.ctx.store
      .dependents<ReplicaSet>(d.metadata.uid!, 'ReplicaSet')
      .filter((rs) =>
        rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid),
      )
  }

  /** `checkPausedConditions`: Progressing Unknown while paused, so a resume does not time out at once. */
  private checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return
    const cond = getCondition(d.status, 'Progressing')
    if (cond?.reason === Reasons.TimedOut) return
    const pausedExists = cond?.reason === Reasons.PausedDeploy
    const nowText = toRfc3339(this.ctx.clock.nowMs())
    d.status ??= {}
    if (d.spec.paused && !pausedExists) {
      setCondition(
        d.status,
        newCondition(
          'Progressing',
          'Unknown',
          Reasons.PausedDeploy,
          'Deployment is paused',
          nowText,
        ),
      )
    } else if (!d.spec.paused && pausedExists) {
      setCondition(
        d.status,
        newCondition(
          'Progressing',
          'Unknown',
          Reasons.ResumedDeploy,
          'Deployment is resumed',
          nowText,
        ),
      )
    } else {
      return
    }
    saveDeployment(this.ctx, d)
  }
}
