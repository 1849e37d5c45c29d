import type { Affinity } from '../api/affinity'
import type { PodAffinity, PodAffinityTerm } from '../api/pod-affinity'
import { invalidEach, isQualifiedName, required } from './field-checks'
import type { FieldError } from './validate'

/**
 * The shape checks of `validateAffinity` (`pkg/apis/core/validation`), in its
 * order: weights in 1–100, at least one required node term, and every pod
 * (anti-)affinity term with a topology key. Label selectors inside terms are
 * left to the scheduler, which reads a bad one as selecting nothing.
 */
export function validateAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  if (!affinity) return []
  const errors: FieldError[] = []
  const node = affinity.nodeAffinity
  const nodeRequired = node?.requiredDuringSchedulingIgnoredDuringExecution
  if (nodeRequired && !nodeRequired.nodeSelectorTerms?.length)
    errors.push(
      required(
        `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
        'must have at least one node selector term',
      ),
    )
  node?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((term, i) =>
    errors.push(
      ...weightInRange(
        term.weight,
        `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].weight`,
      ),
    ),
  )
  errors.push(...podAffinityErrors(affinity.podAffinity, `${path}.podAffinity`))
  errors.push(...podAffinityErrors(affinity.podAntiAffinity, `${path}.podAntiAffinity`))
  return errors
}

function podAffinityErrors(affinity: PodAffinity | undefined, path: string): FieldError[] {
  const errors: FieldError[] = []
  const requiredPath = `${path}.requiredDuringSchedulingIgnoredDuringExecution`
  affinity?.requiredDuringSchedulingIgnoredDuringExecution?.forEach((term, i) =>
    errors.push(...termErrors(term, `${requiredPath}[${i}]`)),
  )
  const preferredPath = `${path}.preferredDuringSchedulingIgnoredDuringExecution`
  affinity?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((weighted, j) => {
    errors.push(...weightInRange(weighted.weight, `${preferredPath}[${j}].weight`))
    // The term is a struct in Go: left out, it is an empty one, without a topology key.
    errors.push(...termErrors(weighted.podAffinityTerm, `${preferredPath}[${j}].podAffinityTerm`))
  })
  return errors
}

/** `validatePodAffinityTerm`: the topology key is required and a label name. */
function termErrors(term: PodAffinityTerm | undefined, path: string): FieldError[] {
  const key = term?.topologyKey ?? ''
  const errors: FieldError[] = []
  if (key === '') errors.push(required(`${path}.topologyKey`, 'can not be empty'))
  errors.push(...invalidEach(`${path}.topologyKey`, key, isQualifiedName(key)))
  return errors
}

function weightInRange(weight: number | undefined, field: string): FieldError[] {
  const value = weight ?? 0
  return value <= 0 || value > 100
    ? [{ field, type: 'Invalid value', value, detail: 'must be in the range 1-100' }]
    : []
}
