import type { Node } from '../../api/core'
import { nodeConditions } from '../../api/node-util'
import type { Condition, ConditionStatus } from '../../api/meta'

/** `--node-monitor-period`: how often the controller looks at every node's health. */
export const NODE_MONITOR_PERIOD_MS = 5_000
/** `--node-monitor-grace-period`: 50 s since v1.32 (40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000

/** The first monitor pass at or after `ms`; passes fall every period from `originMs`. */
export function passAtOrAfter(ms: number, originMs: number): number {
  const steps = Math.ceil((ms - originMs) / NODE_MONITOR_PERIOD_MS)
  return originMs + Math.max(0, steps) * NODE_MONITOR_PERIOD_MS
}

/**
 * When a silent node is found Unknown: at the first pass after its last
 * Lease renewal plus the grace period (`now.After(probeTimestamp + grace)`).
 * With renewals every 10 s and passes every 5 s, that is 40 to 55 s after the
 * kubelet went quiet.
 */
export function unknownAtMs(lastRenewalMs: number, originMs: number): number {
  const deadline = lastRenewalMs + NODE_MONITOR_GRACE_PERIOD_MS
  const pass = passAtOrAfter(deadline, originMs)
  return pass > deadline ? pass : pass + NODE_MONITOR_PERIOD_MS
}

export function readyOf(node: Node | undefined): ConditionStatus | undefined {
  return nodeConditions(node).find((c) => c.type === 'Ready')?.status
}

/** The conditions the kubelet posts and the controller overrides; NetworkUnavailable is the network's. */
const MONITORED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']

/**
 * `tryUpdateNodeHealth` past the grace period: every condition the kubelet
 * owns becomes Unknown. Undefined when Ready is Unknown already, as the
 * controller writes only when Ready changes.
 */
export function unknownConditions(node: Node, nowText: string): Condition[] | undefined {
  const conditions = [...nodeConditions(node)]
  const readyBefore = readyOf(node)
  for (const type of MONITORED) {
    const i = conditions.findIndex((c) => c.type === type)
    if (i < 0) {
      conditions.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp,
        lastTransitionTime: nowText,
      })
    } else if (conditions[i]!.status !== 'Unknown') {
      conditions[i] = {
        ...conditions[i]!,
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastTransitionTime: nowText,
      }
    }
  }
  return readyBefore === 'Unknown' ? undefined : conditions
}
