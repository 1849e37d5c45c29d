import type { KubeObject } from '../../api/meta'
import type { PodDisruptionBudget } from '../../api/policy'
import type { FieldError } from '../../store/validate'
import { intOrPercent } from '../../store/workload-checks'

/**
 * `ValidatePodDisruptionBudgetSpec`: the two budgets exclude each other, and each
 * is a non-negative number or a percentage of at most 100 %. Neither is allowed:
 * such a budget expects no pods and so allows no disruption.
 */
export function validatePdb(obj: KubeObject): FieldError[] {
  const spec = (obj as PodDisruptionBudget).spec
  if (!spec || typeof spec !== 'object') return []
  const errors: FieldError[] = []
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
    errors.push({
      field: 'spec',
      type: 'Invalid value',
      // Go prints the whole spec struct here, pointers included; its type name is what stays the same.
      value: { goSyntax: 'policy.PodDisruptionBudgetSpec{…}' },
      detail: 'minAvailable and maxUnavailable cannot be both set',
    })
  errors.push(...intOrPercent(spec.minAvailable, 'spec.minAvailable'))
  errors.push(...intOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'))
  return errors
}
