import type { Pod, PodTemplateSpec } from '../../api/core'
import type { DaemonSet } from '../../api/daemonset'
import type { ControllerContext } from '../../runtime/context'
import { ApiError } from '../../store/errors'
import { ownerRefTo } from '../history/controller-history'
import { DAEMONSET_CONTROLLER } from './manage'
import { pinToNode } from './util'

/** `BurstReplicas`: the most pods one pass creates, and the most it deletes. */
export const BURST_REPLICAS = 250

/**
 * `syncNodes`: deletes the given pods and creates one pod per given node, each
 * pinned to its node by node affinity, with the replica controllers' events
 * (`Created pod: X`, `Deleted pod: X`). True when it wrote anything.
 */
export function syncNodes(
  ctx: ControllerContext,
  ds: DaemonSet,
  deletePods: readonly Pod[],
  createOn: readonly string[],
  template: PodTemplateSpec,
): boolean {
  let wrote = false
  for (const nodeName of createOn.slice(0, BURST_REPLICAS)) {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: '',
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: template.metadata?.labels,
        annotations: template.metadata?.annotations,
        ownerReferences: [ownerRefTo(ds)],
      },
      spec: { ...template.spec, affinity: pinToNode(template.spec.affinity, nodeName) },
      status: { phase: 'Pending' },
    }
    try {
      const created = ctx.store.createOwned(pod)
      wrote = true
      record(ctx, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      record(ctx, ds, 'Warning', 'FailedCreate', `Error creating: ${e.message}`)
      // Slow start: after a failure, the rest wait for the next pass.
      break
    }
  }
  for (const pod of deletePods.slice(0, BURST_REPLICAS)) {
    try {
      ctx.store.delete({ kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name })
      wrote = true
      record(ctx, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.reason !== 'NotFound')
        record(ctx, ds, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`)
    }
  }
  return wrote
}

function record(
  ctx: ControllerContext,
  ds: DaemonSet,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  ctx.recorder.record(ds, type, reason, message, { component: DAEMONSET_CONTROLLER })
}
