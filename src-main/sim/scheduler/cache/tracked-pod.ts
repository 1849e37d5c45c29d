import type { Pod } from '../../api/core'
import type { SpecInfo } from '../pod-info'
import type { NodeInfo } from './node-info'

/** Joins the parts of the cache's index keys (`namespace`, label key, label value). */
export const SEP = '\u0000'

/** A pod bound to a node and not finished: what it takes from its node is accounted there. */
export class TrackedPod {
  private pairKeys: readonly string[] | undefined

  constructor(
    readonly pod: Pod,
    readonly namespace: string,
    readonly node: NodeInfo,
    readonly spec: SpecInfo,
    /** Counted by topology spreading, which skips pods being deleted (`countPodsMatchSelector`). */
    readonly spreading: boolean,
  ) {}

  /** `namespace/key=value` for each label: what the label index and the counters file it under. */
  get pairs(): readonly string[] {
    if (!this.pairKeys) {
      const labels = this.pod.metadata.labels
      const out: string[] = []
      for (const k in labels) out.push(this.namespace + SEP + k + SEP + labels[k])
      this.pairKeys = out
    }
    return this.pairKeys
  }
}
