import type { Affinity } from '../../api/affinity'
import type { Pod } from '../../api/core'
import { compilePodAffinityTerms, hasPodAffinity, type PodAffinityTerms } from '../affinity-term'
import { NodeCounts } from './node-counts'
import type { TrackedPod } from './tracked-pod'

/**
 * Bound pods with the same pod (anti-)affinity in the same namespace (the
 * replicas of one workload): their terms are compiled once, and how many of them
 * run on each node is all the scheduler needs to apply those terms to an
 * incoming pod (`NodeInfo.PodsWithAffinity`, grouped).
 */
export class AffinityGroup {
  readonly nodes = new NodeCounts()
  size = 0

  constructor(
    readonly namespace: string,
    readonly terms: PodAffinityTerms,
  ) {}

  get hasRequiredAntiAffinity(): boolean {
    return this.terms.requiredAntiAffinity.length > 0
  }
}

const keyText = new WeakMap<Affinity, string>()

function groupKey(pod: Pod): string {
  const affinity = pod.spec.affinity!
  let text = keyText.get(affinity)
  if (text === undefined) {
    const { podAffinity, podAntiAffinity } = affinity as Record<string, unknown>
    text = JSON.stringify([podAffinity, podAntiAffinity])
    keyText.set(affinity, text)
  }
  // `matchLabelKeys` make the terms depend on the pod's own labels.
  if (text.includes('abelKeys')) text += JSON.stringify(pod.metadata.labels ?? {})
  return `${pod.metadata.namespace ?? 'default'}\u0000${text}`
}

export class AffinityGroups {
  private readonly groups = new Map<string, AffinityGroup>()
  /** `HavePodsWithRequiredAntiAffinityList`, grouped. */
  readonly withRequiredAntiAffinity = new Set<AffinityGroup>()

  get size(): number {
    return this.groups.size
  }

  all(): Iterable<AffinityGroup> {
    return this.groups.values()
  }

  update(p: TrackedPod, sign: 1 | -1): void {
    if (!hasPodAffinity(p.pod)) return
    const key = groupKey(p.pod)
    let group = this.groups.get(key)
    if (!group) {
      if (sign < 0) return
      group = new AffinityGroup(p.namespace, compilePodAffinityTerms(p.pod))
      this.groups.set(key, group)
      if (group.hasRequiredAntiAffinity) this.withRequiredAntiAffinity.add(group)
    }
    group.nodes.change(p.node, sign)
    group.size += sign
    if (group.size <= 0) {
      this.groups.delete(key)
      this.withRequiredAntiAffinity.delete(group)
    }
  }
}
