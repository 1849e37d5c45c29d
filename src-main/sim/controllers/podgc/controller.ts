import type { Pod } from '../../api/core'
import type { Condition } from '../../api/meta'
import { isPodTerminal } from '../../api/pod-util'
import { toRfc3339 } from '../../kernel/time'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { ApiError } from '../../store/errors'

/**
 * `quarantineTime`: how long a node must stay missing before its pods are
 * collected, in case it is only late to show up.
 */
export const ORPHAN_QUARANTINE_MS = 40_000

/**
 * The pod garbage collector's orphan pass (`pkg/controller/podgc`
 * `gcOrphaned`): pods bound to a node that no longer exists are marked Failed
 * with a `DisruptionTarget` condition and force-deleted, since no kubelet is left
 * to finish them. Keys are node names; pods are found through the store's
 * index by node, so a deleted node costs its own pods, not every pod.
 */
export class PodGarbageCollector implements Controller {
  readonly name = 'pod-garbage-collector'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Node') {
          if (type === 'DELETED') this.queue.addAfter(object.metadata.name, ORPHAN_QUARANTINE_MS)
          return
        }
        if (type === 'DELETED') return
        const now = (object as Pod).spec.nodeName
        if (!now || (old as Pod | undefined)?.spec.nodeName === now) return
        // A pod bound to a node that is already gone waits out the same quarantine.
        if (!this.ctx.store.get('Node', undefined, now))
          this.queue.addAfter(now, ORPHAN_QUARANTINE_MS)
      },
      ['Pod', 'Node'],
    )
  }

  reconcile(nodeName: string): void {
    if (this.ctx.store.get('Node', undefined, nodeName)) return
    for (const { metadata } of this.ctx.store.podsOnNode(nodeName)) {
      // As it is now: marking one pod and deleting it may have changed others.
      const pod = this.ctx.store.getByUid<Pod>(metadata.uid!)
      if (pod?.spec.nodeName === nodeName) this.markFailedAndDelete(pod)
    }
  }

  /** `markFailedAndDeletePodWithCondition`, then a delete with no grace period. */
  private markFailedAndDelete(pod: Pod): void {
    if (!isPodTerminal(pod)) {
      const condition: Condition = {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
        lastTransitionTime: toRfc3339(this.ctx.clock.nowMs()),
      }
      const conditions = [
        ...(pod.status?.conditions ?? []).filter((c) => c.type !== condition.type),
        condition,
      ]
      this.ctx.store.updateStatus<Pod>({
        ...pod,
        metadata: { ...pod.metadata, resourceVersion: undefined },
        status: { ...pod.status, phase: 'Failed', conditions },
      })
    }
    try {
      this.ctx.store.delete(
        { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name },
        { gracePeriodSeconds: 0 },
      )
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
    }
  }
}
