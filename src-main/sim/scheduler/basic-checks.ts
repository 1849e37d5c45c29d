import type { Taint } from '../api/core'
import { tolerationsTolerateTaint } from '../api/tolerations'
import type { NodeInfo } from './cache/node-info'
import { F, FILTER_TAINTS, PORTS_IN_USE, UNSCHEDULABLE } from './cache/node-table'
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
 */
export function passesBasicChecks(node: NodeInfo, b: BasicChecks): boolean {
  const d = node.table.data
  const o = node.base
  const flags = d[o + F.flags]!
  return (
    (!b.cordons || (flags & UNSCHEDULABLE) === 0) &&
    (flags & FILTER_TAINTS) === 0 &&
    (!b.ports || (flags & PORTS_IN_USE) === 0) &&
    d[o + F.podCount]! < d[o + F.allocatablePods]! &&
    (b.cpu === 0 || b.cpu <= d[o + F.allocatableCpu]! - d[o + F.requestedCpu]!) &&
    (b.memory === 0 || b.memory <= d[o + F.allocatableMemory]! - d[o + F.requestedMemory]!)
  )
}
