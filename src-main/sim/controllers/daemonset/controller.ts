import type { Node, Pod, PodTemplateSpec } from '../../api/core'
import type { DaemonSet } from '../../api/daemonset'
import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { deepEqual } from '../../store/equality'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { FailedPodsBackoff } from './failed-backoff'
import { cleanupHistory, constructHistory, revisionHash } from './history'
import {
  DAEMONSET_CONTROLLER,
  nodesToDaemonPods,
  podsShouldBeOnNode,
  unscheduledPodsWithoutNode,
  type ManageContext,
  type NodeWork,
} from './manage'
import { rollingUpdate } from './rolling'
import { nodeShouldRunDaemonPod, type ShouldRun } from './should-run'
import { daemonSetStatus, writeStatus } from './status'
import { syncNodes } from './sync-nodes'
import { createPodTemplate, withDaemonTolerations } from './util'

/**
 * The DaemonSet controller (`pkg/controller/daemon/daemon_controller.go`): one pod
 * per eligible node, pinned there by node affinity and bound by the default
 * scheduler. It follows nodes as they join and as their labels and taints change;
 * a deleted node's bound pod is left to the pod garbage collector, as upstream.
 */
export class DaemonSetController implements Controller {
  readonly name = DAEMONSET_CONTROLLER
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly backoff = new FailedPodsBackoff()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        switch (object.kind) {
          case 'DaemonSet':
            return this.queue.add(namespacedName(object))
          case 'Node':
            return this.nodeChanged(type, object as Node, old as Node | undefined)
          default:
            this.enqueueOwner(object)
            if (old && old.metadata.ownerReferences !== object.metadata.ownerReferences)
              this.enqueueOwner(old)
        }
      },
      ['DaemonSet', 'Pod', 'Node', 'ControllerRevision'],
    )
  }

  private enqueueOwner(obj: KubeObject): void {
    const ref = controllerRef(obj)
    if (ref?.kind === 'DaemonSet') this.queue.add(`${obj.metadata.namespace}/${ref.name}`)
  }

  /**
   * `addNode` / `updateNode`: DaemonSets that may now want a pod on the node. A
   * deleted node wakes nobody: its pods' deletion does. Status heartbeats are
   * ignored: only labels and taints matter.
   */
  private nodeChanged(type: string, node: Node, old: Node | undefined): void {
    if (type === 'DELETED') return
    if (old && !this.schedulingChanged(old, node)) return
    for (const ds of this.ctx.store.list<DaemonSet>('DaemonSet')) {
      const spec = withDaemonTolerations(ds.spec.template.spec)
      const now = nodeShouldRunDaemonPod(node, spec)
      if (!old) {
        if (now.shouldRun) this.queue.add(namespacedName(ds))
        continue
      }
      const before = nodeShouldRunDaemonPod(old, spec)
      if (
        before.shouldRun !== now.shouldRun ||
        before.shouldContinueRunning !== now.shouldContinueRunning
      )
        this.queue.add(namespacedName(ds))
    }
  }

  private schedulingChanged(old: Node, node: Node): boolean {
    const labels = old.metadata.labels !== node.metadata.labels
    const taints = old.spec.taints !== node.spec.taints
    return (
      (labels && !deepEqual(old.metadata.labels, node.metadata.labels)) ||
      (taints && !deepEqual(old.spec.taints, node.spec.taints))
    )
  }

  /** `syncDaemonSet`. */
  reconcile(key: string): ReconcileResult | void {
    const { namespace, name } = splitNamespacedName(key)
    const ds = this.ctx.store.get<DaemonSet>('DaemonSet', namespace, name)
    if (!ds || ds.metadata.deletionTimestamp) return
    const sel = ds.spec.selector
    if (sel && !sel.matchExpressions?.length && Object.keys(sel.matchLabels ?? {}).length === 0) {
      this.ctx.recorder.record(
        ds,
        'Warning',
        'SelectingAll',
        'This daemon set is selecting all pods. A non-empty selector is required.',
        { component: this.name },
      )
      return
    }
    const history = constructHistory(this.ctx.store, ds, () => this.ownedPods(ds))
    // A hash collision bumped collisionCount; that write brings the DaemonSet back.
    if ('collision' in history) return
    const nodes = this.ctx.store.list<Node>('Node')
    const spec = withDaemonTolerations(ds.spec.template.spec)
    const verdicts = new Map<Node, ShouldRun>()
    const m: ManageContext = {
      ctx: this.ctx,
      ds,
      spec,
      shouldRun(node) {
        let verdict = verdicts.get(node)
        if (!verdict) verdicts.set(node, (verdict = nodeShouldRunDaemonPod(node, spec)))
        return verdict
      },
      hash: revisionHash(history.current),
      backoff: this.backoff,
    }
    const template = createPodTemplate(ds.spec.template, m.hash)
    let byNode = nodesToDaemonPods(this.ownedPods(ds))
    const work = this.manage(m, nodes, byNode, template)
    // Pods are listed again only when this pass changed them.
    if (work.wrote) byNode = nodesToDaemonPods(this.ownedPods(ds))
    if (ds.spec.updateStrategy?.type === 'RollingUpdate') {
      const rolling = rollingUpdate(m, nodes, new Map(byNode))
      if (syncNodes(this.ctx, ds, rolling.deletePods, rolling.createOn, template))
        byNode = nodesToDaemonPods(this.ownedPods(ds))
    }
    if (history.old.length > (ds.spec.revisionHistoryLimit ?? 10))
      cleanupHistory(this.ctx.store, ds, history.old, this.ownedPods(ds))
    return this.updateStatus(m, nodes, byNode, work.retryAfterMs)
  }

  /** `manage`: create and delete so that each node has the pods it should. */
  private manage(
    m: ManageContext,
    nodes: readonly Node[],
    byNode: ReadonlyMap<string, Pod[]>,
    template: PodTemplateSpec,
  ): NodeWork & { wrote: boolean } {
    const work: NodeWork = { createOn: [], deletePods: [] }
    for (const node of nodes) podsShouldBeOnNode(m, node, byNode, work)
    work.deletePods.push(...unscheduledPodsWithoutNode(nodes, byNode))
    return { ...work, wrote: syncNodes(this.ctx, m.ds, work.deletePods, work.createOn, template) }
  }

  private updateStatus(
    m: ManageContext,
    nodes: readonly Node[],
    byNode: ReadonlyMap<string, Pod[]>,
    retryAfterMs: number | undefined,
  ): ReconcileResult | void {
    const latest = this.ctx.store.get<DaemonSet>(
      'DaemonSet',
      m.ds.metadata.namespace,
      m.ds.metadata.name,
    )
    if (!latest) return
    const status = daemonSetStatus({ ...m, ds: latest }, nodes, byNode, true)
    writeStatus({ ...m, ds: latest }, status)
    // Availability arrives minReadySeconds after readiness, with no event to announce it.
    const minReady = latest.spec.minReadySeconds ?? 0
    let requeue = retryAfterMs
    if (minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0))
      requeue = Math.min(requeue ?? Infinity, minReady * 1000)
    return requeue === undefined ? undefined : { requeueAfterMs: requeue }
  }

  private ownedPods(ds: DaemonSet): Pod[] {
    return this.ctx.store
      .dependents<Pod>(ds.metadata.uid!, 'Pod')
      .filter((p) => controllerRef(p)?.uid === ds.metadata.uid)
  }
}
