import { podFitsNodeAffinity } from '../../api/node-affinity'
import { findUntoleratedTaint } from '../../api/tolerations'
import type { NodeInfo } from '../cache/node-info'
import type { CycleContext } from '../framework'
import type { SpreadConstraint } from './spread-constraints'

/** Whether counting this constraint needs a per-node look (`matchNodeInclusionPolicies` can say no). */
export function hasInclusionPolicy(c: SpreadConstraint, ctx: CycleContext): boolean {
  return (c.honorNodeAffinity && ctx.pod.spec.hasRequiredNodeAffinity) || c.honorTaints
}

/** `matchNodeInclusionPolicies`: a node the pod could not go to does not count as a domain. */
export function nodeIncluded(c: SpreadConstraint, ctx: CycleContext, node: NodeInfo): boolean {
  const pod = ctx.pod
  if (
    c.honorNodeAffinity &&
    pod.spec.hasRequiredNodeAffinity &&
    !podFitsNodeAffinity(pod.pod.spec, node.node)
  )
    return false
  if (c.honorTaints && findUntoleratedTaint(node.filterTaints, pod.spec.tolerations)) return false
  return true
}

/** `nodeLabelsMatchSpreadConstraints`: the node carries every constraint's topology key. */
export function hasAllKeys(node: NodeInfo, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false
  return true
}
