import type { Pod } from '../../api/core'
import type { SpecInfo } from '../pod-info'
import type { NodeInfo } from './node-info'

/** A pod bound to a node and not finished: what it takes from its node is accounted there. */
export interface TrackedPod {
  readonly key: string
  readonly pod: Pod
  readonly namespace: string
  readonly node: NodeInfo
  readonly spec: SpecInfo
  /** Counted by topology spreading, which skips pods being deleted (`countPodsMatchSelector`). */
  readonly spreading: boolean
}
