import { termMatches } from '../affinity-term'
import type { NodeInfo } from '../cache/node-info'
import type { CycleContext, FilterPlugin, Status } from '../framework'
import { TermCounts, allTermsCounts, ownTermCounts, ownTerms } from './pod-affinity-counts'

const AFFINITY: Status = {
  plugin: 'InterPodAffinity',
  reasons: ["node(s) didn't match pod affinity rules"],
  unresolvable: true,
}
const ANTI_AFFINITY: Status = {
  plugin: 'InterPodAffinity',
  reasons: ["node(s) didn't match pod anti-affinity rules"],
  unresolvable: false,
}
const EXISTING_ANTI_AFFINITY: Status = {
  plugin: 'InterPodAffinity',
  reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
  unresolvable: false,
}

/** `getExistingAntiAffinityCounts`: the bound pods whose required anti-affinity rejects this pod, by domain. */
function existingAntiAffinity(ctx: CycleContext): TermCounts[] {
  const { pod, cache } = ctx
  const groups = cache.groups.withRequiredAntiAffinity
  if (groups.size === 0) return []
  const labels = pod.pod.metadata.labels
  const nsLabels = cache.namespaceLabels(pod.namespace)
  const out: TermCounts[] = []
  for (const group of groups) {
    for (const term of group.terms.requiredAntiAffinity) {
      if (!termMatches(term, pod.namespace, labels, nsLabels)) continue
      out.push(
        new TermCounts(cache.topologyKey(term.topologyKey), [
          cache.domainCounts(group.nodes, term.topologyKey),
        ]),
      )
    }
  }
  return out
}

function anyInDomain(node: NodeInfo, counts: readonly TermCounts[]): boolean {
  for (const c of counts) if (c.onNodeDomain(node) > 0) return true
  return false
}

/**
 * `InterPodAffinity` Filter: the pod's required affinity (a matching pod in the
 * node's domain, or none anywhere and the pod matches its own terms), its
 * required anti-affinity, and the required anti-affinity of the pods already
 * bound. Pods without terms pay only when some bound pod has anti-affinity.
 */
export const interPodAffinityFilter: FilterPlugin = {
  name: 'InterPodAffinity',
  preFilter(ctx) {
    const { requiredAffinity, requiredAntiAffinity } = ctx.pod.affinity
    const existing = existingAntiAffinity(ctx)
    if (existing.length === 0 && requiredAffinity.length === 0 && requiredAntiAffinity.length === 0)
      return undefined
    const affinity = ownTerms(ctx, requiredAffinity)
    const affinityCounts = affinity.length > 0 ? allTermsCounts(ctx, affinity) : []
    const anti = ownTerms(ctx, requiredAntiAffinity).map((t) => ownTermCounts(ctx, t))
    const pod = ctx.pod
    // The first pod of a group that wants to be together may go anywhere its topology exists.
    const firstOfGroup =
      affinityCounts.every((c) => c.empty) &&
      affinity.every((t) => termMatches(t, pod.namespace, pod.pod.metadata.labels, undefined))

    const satisfiesAffinity = (node: NodeInfo): boolean => {
      let podsExist = true
      for (const c of affinityCounts) {
        if (!c.hasKey(node)) return false
        if (c.onNodeDomain(node) <= 0) podsExist = false
      }
      return podsExist || firstOfGroup
    }
    return {
      filter(node) {
        if (affinityCounts.length > 0 && !satisfiesAffinity(node)) return AFFINITY
        if (anti.length > 0 && anyInDomain(node, anti)) return ANTI_AFFINITY
        if (existing.length > 0 && anyInDomain(node, existing)) return EXISTING_ANTI_AFFINITY
        return undefined
      },
    }
  },
}
