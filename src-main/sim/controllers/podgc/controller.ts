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
 * to finish them. Keys are node names; pods are found through an index by node,
 * so a deleted node costs its own pods, not every pod.
 */
export class PodGarbageCollector implements Controller {
  readonly name = 'pod-garbage-collector'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  /** node name → uids of the pods bound to it (strings the pods carry already: indexing builds no key). */
  private readonly podsByNode = new Map<string, Set<string>>()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    for (const pod of ctx.store.list<Pod>('Pod')) if (pod.spec.nodeName) this.index(pod)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Node') {
          if (type === 'DELETED') this.queue.addAfter(object.metadata.name, ORPHAN_QUARANTINE_MS)
          return
        }
        const pod = object as Pod
        if (type === 'DELETED') {
          if (pod.spec.nodeName) this.unindex(pod.spec.nodeName, pod)
          return
        }
        const before = (old as Pod | undefined)?.spec.nodeName
        const now = pod.spec.nodeName
        if (before === now) return
        if (before) this.unindex(before, pod)
        if (!now) return
        this.index(pod)
        // A pod bound to a node that is already gone waits out the same quarantine.
        if (!this.ctx.store.get('Node', undefined, now))
          this.queue.addAfter(now, ORPHAN_QUARANTINE_MS)
      },
      ['Pod', 'Node'],
    )
  }

  private index(pod: Pod): void {
    let pods = this.podsByNode.get(pod.spec.nodeName!)
    if (!pods) this.podsByNode.set(pod.spec.nodeName!, (pods = new Set()))
    pods.add(pod.metadata.uid!)
  }

  private unindex(nodeName: string, pod: Pod): void {
    const pods = this.podsByNode.get(nodeName)
    pods?.delete(pod.metadata.uid!)
    if (pods?.size === 0) this.podsByNode.delete(nodeName)
  }

  reconcile(nodeName: string): void {
    if (this.ctx.store.get('Node', undefined, nodeName)) return
    const pods = [...(this.podsByNode.get(nodeName) ?? [])]
    for (const uid of pods) {
      const pod = this.ctx.store.getByUid<Pod>(uid)
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
