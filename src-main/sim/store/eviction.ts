import type { Pod } from '../api/core'
import { isPodReady } from '../api/pod-util'
import {
  DISRUPTION_BUDGET_CAUSE,
  type PodDisruptionBudget,
  type PodDisruptionBudgetStatus,
} from '../api/policy'
import type { VirtualClock } from '../kernel/clock'
import { toRfc3339 } from '../kernel/time'
import { budgetSelector, withDisruptionCondition } from '../controllers/disruption/status'
import { ApiError } from './errors'
import type { ObjectStore } from './store'

/** `MaxDisruptedPodSize`: evictions approved but not yet seen by the disruption controller. */
const MAX_DISRUPTED_POD_SIZE = 2000

const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget."

/**
 * The pod's `eviction` subresource (`pkg/registry/core/pod/storage/eviction.go`):
 * deletes the pod, with its grace period, only if the one PodDisruptionBudget
 * that selects it allows one more disruption, and takes that disruption from the
 * budget. A refusal is an ApiError with upstream's code and words (429 while the
 * budget allows none, 500 when two budgets select the pod).
 */
export function evictPod(
  store: ObjectStore,
  clock: VirtualClock,
  namespace: string,
  name: string,
): void {
  const pod = store.get<Pod>('Pod', namespace, name)
  if (!pod) throw new ApiError('NotFound', `pods "${name}" not found`)
  if (canIgnoreBudgets(pod)) {
    store.delete({ kind: 'Pod', namespace, name })
    return
  }
  const budgets = store
    .list<PodDisruptionBudget>('PodDisruptionBudget', { namespace })
    .filter((pdb) => budgetSelector(pdb).matches(pod.metadata.labels))
  if (budgets.length > 1)
    throw new ApiError(
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    )
  const pdb = budgets[0]
  // An unready pod does not count as healthy: letting it go costs the budget nothing.
  const free =
    !pdb ||
    (!isPodReady(pod) &&
      (pdb.status?.currentHealthy ?? 0) >= (pdb.status?.desiredHealthy ?? 0) &&
      (pdb.status?.desiredHealthy ?? 0) > 0)
  if (!free) checkAndDecrement(store, clock, pdb, name)
  store.delete({ kind: 'Pod', namespace, name })
}

/** `canIgnorePDB`: a pod that is finished, not yet running or already going disrupts nothing. */
function canIgnoreBudgets(pod: Pod): boolean {
  const phase = pod.status?.phase
  return (
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    phase === 'Pending' ||
    pod.metadata.deletionTimestamp !== undefined
  )
}

function checkAndDecrement(
  store: ObjectStore,
  clock: VirtualClock,
  pdb: PodDisruptionBudget,
  podName: string,
): void {
  const status = pdb.status
  const name = pdb.metadata.name
  if ((status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0) || !status)
    throw new ApiError('TooManyRequests', VIOLATES, [
      {
        type: DISRUPTION_BUDGET_CAUSE,
        message: `The disruption budget ${name} is still being processed by the server.`,
      },
    ])
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE)
    throw new ApiError(
      'Forbidden',
      `poddisruptionbudgets.policy "${name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`,
    )
  if (status.disruptionsAllowed === 0)
    throw new ApiError('TooManyRequests', VIOLATES, [
      {
        type: DISRUPTION_BUDGET_CAUSE,
        message: `The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
      },
    ])
  let next: PodDisruptionBudgetStatus = {
    ...status,
    disruptionsAllowed: status.disruptionsAllowed - 1,
    disruptedPods: { ...status.disruptedPods, [podName]: toRfc3339(clock.nowMs()) },
  }
  if (next.disruptionsAllowed === 0)
    next = withDisruptionCondition(next, status.conditions, clock.nowMs())
  store.updateStatus<PodDisruptionBudget>({ ...pdb, status: next })
}
