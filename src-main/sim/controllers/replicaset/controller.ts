import type { KubeObject } from '../../api/meta'
import type { Pod } from '../../api/core'
import type { ReplicaSet, ReplicaSetStatus } from '../../api/apps'
import { controllerRef, isPodAvailable, isPodReady, podCondition } from '../../api/pod-util'
import { fromRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { selectorFromMap, type Selector } from '../../store/labels'
import { hasStatusCause } from '../../store/errors'
import { NAMESPACE_TERMINATING_CAUSE } from '../../store/namespace-lifecycle'
import { OwnedPodIndex, type OwnedPods } from './owned-pods'

/** `burstReplicas`: the most pods one reconcile creates or deletes. */
const BURST_REPLICAS = 500

/**
 * The ReplicaSet controller (`pkg/controller/replicaset`): keeps as many active
 * pods as `spec.replicas` asks for, and reports how many are ready and available.
 */
export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly owned: OwnedPodIndex

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.owned = new OwnedPodIndex(ctx.store)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'ReplicaSet') {
          if (type === 'DELETED') this.keys.delete(object.metadata.uid!)
          this.queue.add(namespacedName(object))
        } else {
          this.enqueueOwner(object)
          if (old && old.metadata.ownerReferences !== object.metadata.ownerReferences)
            this.enqueueOwner(old)
        }
      },
      ['ReplicaSet', 'Pod'],
    )
  }

  /**
   * ReplicaSet uid → its queue key. Every write of a pod queues its owner: a
   * key built each time would be a fresh string to hash each time. Dropped
   * with the ReplicaSet (its pods' last writes may bring one entry back).
   */
  private readonly keys = new Map<string, string>()

  private enqueueOwner(pod: KubeObject): void {
    const ref = controllerRef(pod)
    if (ref?.kind !== 'ReplicaSet') return
    let key = this.keys.get(ref.uid)
    if (key === undefined) this.keys.set(ref.uid, (key = `${pod.metadata.namespace}/${ref.name}`))
    this.queue.add(key)
  }

  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const rs = this.ctx.store.get<ReplicaSet>('ReplicaSet', namespace, name)
    if (!rs) return
    // The index follows every pod write, the ones this sync makes included.
    const active = this.owned.of(rs.metadata.uid!)
    const managed = rs.metadata.deletionTimestamp ? 'none' : this.manageReplicas(rs, active)
    // A sync whose creates or deletes wait for the client's rate limiter goes on
    // as soon as there are tokens, and writes the status once it is through.
    if (managed === 'partly') return { requeueAfterMs: 0 }
    return this.updateStatus(rs, this.owned.of(rs.metadata.uid!))
  }

  /**
   * Creates or deletes pods toward `spec.replicas`, as many as the client's rate
   * limiter lets through now: 'all' when that was all there was to do.
   */
  private manageReplicas(rs: ReplicaSet, active: Readonly<OwnedPods>): 'none' | 'partly' | 'all' {
    const diff = active.pods.size - (rs.spec.replicas ?? 0)
    if (diff === 0) return 'none'
    const count = Math.min(Math.abs(diff), BURST_REPLICAS, this.ctx.writeBudget(this.name))
    if (diff < 0) {
      for (let i = 0; i < count; i++) this.createPod(rs)
    } else {
      const order = this.owned.scaleDownOrder(active)
      for (const pod of order.victims(count, this.ctx.clock.nowMs())) {
        this.ctx.store.delete({
          kind: 'Pod',
          namespace: pod.metadata.namespace,
          name: pod.metadata.name,
        })
        this.ctx.recorder.record(
          rs,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          { component: this.name },
        )
      }
    }
    return count < Math.abs(diff) ? 'partly' : 'all'
  }

  private createPod(rs: ReplicaSet): void {
    // Pods share the template's spec and labels; the scheduler's binding copies the spec it changes.
    const template = rs.spec.template
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: template.metadata?.labels,
        annotations: template.metadata?.annotations,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rs.metadata.name,
            uid: rs.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        // Room for what the store stamps, in its order, and for what a graceful
        // delete sets: the fields then live in the object, not in an array grown
        // for them (some 70 bytes a pod).
        uid: undefined,
        generation: undefined,
        creationTimestamp: undefined,
        resourceVersion: undefined,
        deletionTimestamp: undefined,
        deletionGracePeriodSeconds: undefined,
      },
      spec: template.spec,
      status: { phase: 'Pending' },
    }
    let created: Pod
    try {
      created = this.ctx.store.createOwned(pod)
    } catch (e) {
      // In a namespace being deleted every create fails; upstream skips them quietly.
      if (hasStatusCause(e, NAMESPACE_TERMINATING_CAUSE)) return
      throw e
    }
    this.ctx.recorder.record(
      rs,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata.name}`,
      { component: this.name },
    )
  }

  /** `calculateStatus` + `updateReplicaSetStatus`; asks to be requeued when a pod becomes available later. */
  private updateStatus(rs: ReplicaSet, active: Readonly<OwnedPods>): ReconcileResult | void {
    const nowMs = this.ctx.clock.nowMs()
    const minReady = rs.spec.minReadySeconds ?? 0
    const templateLabels = rs.spec.template.metadata?.labels
    let selector: Selector | undefined
    let fullyLabeled = 0
    // Pods share their template's labels object: most match without a look, and each other object is looked at once.
    for (const [labels, n] of active.byLabels) {
      if (labels === templateLabels) fullyLabeled += n
      else if ((selector ??= selectorFromMap(templateLabels)).matches(labels)) fullyLabeled += n
    }
    // Without minReadySeconds a ready pod is available at once; with it, each ready pod's time counts.
    let available = active.ready
    let requeueAfterMs: number | undefined
    if (minReady > 0) {
      available = 0
      for (const { pod } of active.pods.values()) {
        if (!isPodReady(pod)) continue
        if (isPodAvailable(pod, minReady, nowMs)) {
          available++
          continue
        }
        const since = fromRfc3339(podCondition(pod, 'Ready')?.lastTransitionTime ?? '')
        const wait = since + minReady * 1000 - nowMs
        requeueAfterMs = requeueAfterMs === undefined ? wait : Math.min(requeueAfterMs, wait)
      }
    }
    const status: ReplicaSetStatus = {
      replicas: active.pods.size,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: active.ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation,
    }
    this.ctx.store.updateStatus<ReplicaSet>({
      ...rs,
      metadata: { ...rs.metadata, resourceVersion: undefined },
      status: { ...status, conditions: rs.status?.conditions },
    })
    return requeueAfterMs === undefined
      ? undefined
      : { requeueAfterMs: Math.max(requeueAfterMs, 1) }
  }
}
