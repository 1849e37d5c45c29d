import type { Namespace, Pod } from '../api/core'
import type { PodAffinity, PodAffinityTerm } from '../api/pod-affinity'
import {
  NOTHING,
  compileSelector,
  requirementsOf,
  selectorOfRequirements,
  type CompiledSelector,
  type LabelRequirement,
  type Labels,
} from './label-selector'

/** A processed `PodAffinityTerm` (`framework.AffinityTerm`), with its weight when it is a preference. */
export interface AffinityTerm {
  readonly topologyKey: string
  readonly namespaces: ReadonlySet<string>
  readonly namespaceSelector: CompiledSelector
  readonly selector: CompiledSelector
  readonly weight: number
}

/** `AffinityTerm.Matches`: the pod is in one of the term's namespaces and carries its labels. */
export function termMatches(
  term: AffinityTerm,
  namespace: string,
  labels: Labels,
  namespaceLabels: Labels,
): boolean {
  return (
    (term.namespaces.has(namespace) || term.namespaceSelector.matches(namespaceLabels)) &&
    term.selector.matches(labels)
  )
}

/** The term's selector with `matchLabelKeys` / `mismatchLabelKeys` read from the owning pod's labels. */
function termSelector(term: PodAffinityTerm, podLabels: Labels): CompiledSelector {
  if (!term.matchLabelKeys?.length && !term.mismatchLabelKeys?.length)
    return compileSelector(term.labelSelector)
  if (!term.labelSelector) return NOTHING
  const reqs: LabelRequirement[] = requirementsOf(term.labelSelector)
  for (const key of term.matchLabelKeys ?? []) {
    const value = podLabels?.[key]
    if (value !== undefined) reqs.push({ key, operator: 'In', values: [value] })
  }
  for (const key of term.mismatchLabelKeys ?? []) {
    const value = podLabels?.[key]
    if (value !== undefined) reqs.push({ key, operator: 'NotIn', values: [value] })
  }
  return selectorOfRequirements(reqs)
}

function compileTerm(pod: Pod, term: PodAffinityTerm, weight: number): AffinityTerm {
  const namespace = pod.metadata.namespace ?? 'default'
  const own = (term.namespaces ?? []).length === 0 && !term.namespaceSelector
  return {
    topologyKey: term.topologyKey,
    namespaces: new Set(own ? [namespace] : term.namespaces),
    namespaceSelector: compileSelector(term.namespaceSelector),
    selector: termSelector(term, pod.metadata.labels),
    weight,
  }
}

/** A pod's affinity terms, each list compiled as `framework.NewPodInfo` does. */
export interface PodAffinityTerms {
  readonly requiredAffinity: readonly AffinityTerm[]
  readonly requiredAntiAffinity: readonly AffinityTerm[]
  readonly preferredAffinity: readonly AffinityTerm[]
  readonly preferredAntiAffinity: readonly AffinityTerm[]
}

export const NO_TERMS: PodAffinityTerms = {
  requiredAffinity: [],
  requiredAntiAffinity: [],
  preferredAffinity: [],
  preferredAntiAffinity: [],
}

function required(pod: Pod, a: PodAffinity | undefined): AffinityTerm[] {
  return (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
    compileTerm(pod, t, 1),
  )
}

function preferred(pod: Pod, a: PodAffinity | undefined): AffinityTerm[] {
  return (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
    compileTerm(pod, t.podAffinityTerm, t.weight),
  )
}

/** The pod's (anti-)affinity, typed: `Affinity` carries it untyped. */
export function podAffinityOf(pod: Pod): {
  podAffinity?: PodAffinity
  podAntiAffinity?: PodAffinity
} {
  return (pod.spec.affinity ?? {}) as { podAffinity?: PodAffinity; podAntiAffinity?: PodAffinity }
}

export function hasPodAffinity(pod: Pod): boolean {
  const a = podAffinityOf(pod)
  return a.podAffinity !== undefined || a.podAntiAffinity !== undefined
}

export function compilePodAffinityTerms(pod: Pod): PodAffinityTerms {
  const { podAffinity, podAntiAffinity } = podAffinityOf(pod)
  if (!podAffinity && !podAntiAffinity) return NO_TERMS
  return {
    requiredAffinity: required(pod, podAffinity),
    requiredAntiAffinity: required(pod, podAntiAffinity),
    preferredAffinity: preferred(pod, podAffinity),
    preferredAntiAffinity: preferred(pod, podAntiAffinity),
  }
}

/**
 * `mergeAffinityTermNamespacesIfNotEmpty`: for the incoming pod's own terms, the
 * namespaces a non-empty `namespaceSelector` selects join the term's list.
 */
export function withSelectedNamespaces(
  term: AffinityTerm,
  namespaces: () => readonly Namespace[],
): AffinityTerm {
  const sel = term.namespaceSelector
  if (sel.nothing || sel.everything) return term
  const names = new Set(term.namespaces)
  for (const ns of namespaces()) if (sel.matches(ns.metadata.labels)) names.add(ns.metadata.name)
  return { ...term, namespaces: names, namespaceSelector: NOTHING }
}

function readsLabels(term: PodAffinityTerm): boolean {
  return Boolean(term.matchLabelKeys?.length || term.mismatchLabelKeys?.length)
}

/** Whether any of the pod's terms reads its own labels (`matchLabelKeys`, `mismatchLabelKeys`). */
export function termsReadLabels(pod: Pod): boolean {
  return [podAffinityOf(pod).podAffinity, podAffinityOf(pod).podAntiAffinity].some(
    (a) =>
      (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).some(readsLabels) ||
      (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((t) =>
        readsLabels(t.podAffinityTerm),
      ),
  )
}
