import type { Taint } from '../api/core'
import { tolerationsTolerateTaint } from '../api/tolerations'
import { FILTER_TAINTS, H, PORTS_IN_USE, UNSCHEDULABLE } from './cache/node-table'
import type { PodInfo } from './pod-info'

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }

/** What the inline check needs of the pod, worked out once per cycle. */
export interface BasicChecks {
  readonly cpu: number
  readonly memory: number
  /** The pod does not tolerate cordons. */
  readonly cordons: boolean
  readonly ports: boolean
}

export function basicChecks(pod: PodInfo): BasicChecks {
  return {
    cpu: pod.spec.cpuMillis,
    memory: pod.spec.memoryBytes,
    cordons: !tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT),
    ports: pod.spec.hostPorts.length > 0,
  }
}

/**
 * True when NodeUnschedulable, TaintToleration, NodePorts and NodeResourcesFit
 * are sure to let the node through: not cordoned, no NoSchedule or NoExecute
 * taint, no host port in use, room for the pod. Most nodes are like that, and
 * this inline test costs a fraction of calling those four filters; a node it
 * does not vouch for goes through the plugins in order, for their exact reasons.
 * It reads the node's `hot` row of the `NodeTable` (at offset `o`) only.
 */
export function passesBasicChecks(hot: Float64Array, o: number, b: BasicChecks): boolean {
  const flags = hot[o + H.flags]!
  return (
    (!b.cordons || (flags & UNSCHEDULABLE) === 0) &&
    (flags & FILTER_TAINTS) === 0 &&
    (!b.ports || (flags & PORTS_IN_USE) === 0) &&
    hot[o + H.freePods]! > 0 &&
    (b.cpu === 0 || b.cpu <= hot[o + H.freeCpu]!) &&
    (b.memory === 0 || b.memory <= hot[o + H.freeMemory]!)
  )
}
