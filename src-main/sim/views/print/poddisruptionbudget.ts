import type { PodDisruptionBudget } from '../../api/policy'
import { AGE, NAME, age, printer } from './printer'

/** `printPodDisruptionBudget`: the bound that is not set reads N/A. */
export const podDisruptionBudgetPrinter = printer<PodDisruptionBudget>(
  [
    NAME,
    { name: 'Min Available' },
    { name: 'Max Unavailable' },
    { name: 'Allowed Disruptions' },
    AGE,
  ],
  (pdb, ctx) => [
    pdb.metadata.name,
    pdb.spec.minAvailable !== undefined ? String(pdb.spec.minAvailable) : 'N/A',
    pdb.spec.maxUnavailable !== undefined ? String(pdb.spec.maxUnavailable) : 'N/A',
    pdb.status?.disruptionsAllowed ?? 0,
    age(pdb, ctx),
  ],
)
