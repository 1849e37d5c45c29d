import type { Taint, Toleration } from '../../api/core'
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../../api/tolerations'
import { type FilterPlugin, type ScorePlugin, type Status, eachNode } from '../framework'
import { defaultNormalizeScore } from './normalize'

const statuses = new WeakMap<Taint, Status>()

/** One status per taint object: nodes share their taints until the node changes. */
function untolerated(taint: Taint): Status {
  let status = statuses.get(taint)
  if (!status) {
    status = {
      plugin: 'TaintToleration',
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      unresolvable: true,
    }
    statuses.set(taint, status)
  }
  return status
}

/** `TaintToleration` Filter: the first `NoSchedule` or `NoExecute` taint the pod does not tolerate. */
export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  coveredByBasicChecks: true,
  preFilter({ pod }) {
    const tolerations = pod.spec.tolerations
    return {
      filter(node) {
        if (node.filterTaints.length === 0) return undefined
        const taint = findUntoleratedTaint(node.filterTaints, tolerations)
        return taint ? untolerated(taint) : undefined
      },
    }
  },
}

/** Tolerations with no effect or `PreferNoSchedule`: the only ones that soften a preference. */
function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  return tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
}

/**
 * `TaintToleration` Score: the number of `PreferNoSchedule` taints the pod does not
 * tolerate, reversed by normalisation so that fewer is better.
 */
export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  preScore({ pod, cache }) {
    // Without such taints every node scores 100: the same for all, so nothing to compute.
    if (!cache.anyPreferNoSchedule) return undefined
    const tolerations = preferNoScheduleTolerations(pod.spec.tolerations)
    return {
      scoreAll: eachNode((node) => {
        let n = 0
        for (const taint of node.preferNoScheduleTaints)
          if (!tolerationsTolerateTaint(tolerations, taint)) n++
        return n
      }),
      normalize: (scores) => defaultNormalizeScore(scores, true),
    }
  },
}
