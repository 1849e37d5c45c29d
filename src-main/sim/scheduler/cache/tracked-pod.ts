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
    return (this.pairKeys ??= pairsOf(this.namespace, this.pod.metadata.labels))
  }
}

/**
 * The pairs of a labels object, kept with it: a ReplicaSet's replicas share
 * their template's labels, so they share the strings too, each built and
 * hashed once rather than for every pod.
 */
const pairsByLabels = new WeakMap<object, { namespace: string; pairs: readonly string[] }>()

const NO_PAIRS: readonly string[] = []

function pairsOf(
  namespace: string,
  labels: Readonly<Record<string, string>> | undefined,
): readonly string[] {
  if (!labels) return NO_PAIRS
  const known = pairsByLabels.get(labels)
  if (known?.namespace === namespace) return known.pairs
  const pairs: string[] = []
  for (const k in labels) pairs.push(namespace + SEP + k + SEP + labels[k])
  pairsByLabels.set(labels, { namespace, pairs })
  return pairs
}
