import type { Node, PodSpec, Taint } from '../../api/core'
import { podFitsNodeAffinity } from '../../api/node-affinity'
import { findUntoleratedTaint } from '../../api/tolerations'

export interface ShouldRun {
  /** A pod should be created here if there is none. */
  shouldRun: boolean
  /** A pod already here may stay. */
  shouldContinueRunning: boolean
}

function untoleratedTaint(
  taints: readonly Taint[] | undefined,
  spec: PodSpec,
  effects: readonly Taint['effect'][],
): Taint | undefined {
  return findUntoleratedTaint(taints ?? [], spec.tolerations ?? [], (t) =>
    effects.includes(t.effect),
  )
}

/**
 * `NodeShouldRunDaemonPod`: the node's name (if the template names one), its
 * labels against the nodeSelector and required node affinity, and its taints
 * against the tolerations of the daemon pod (`spec`, with the daemon tolerations
 * added). A pod already running may stay on a node with only NoSchedule taints
 * it does not tolerate.
 */
export function nodeShouldRunDaemonPod(node: Node, spec: PodSpec): ShouldRun {
  if (spec.nodeName && spec.nodeName !== node.metadata.name)
    return { shouldRun: false, shouldContinueRunning: false }
  if (!podFitsNodeAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false }
  if (untoleratedTaint(node.spec.taints, spec, ['NoExecute', 'NoSchedule'])) {
    return {
      shouldRun: false,
      shouldContinueRunning: !untoleratedTaint(node.spec.taints, spec, ['NoExecute']),
    }
  }
  return { shouldRun: true, shouldContinueRunning: true }
}
