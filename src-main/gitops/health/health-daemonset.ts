import type { HealthCheck } from './types'
import { field } from './types'

/** gitops-engine `getAppsv1DaemonSetHealth`, which borrows kubectl's rollout status. */
export const daemonSetHealth: HealthCheck = (live) => {
  const generation = field<number>(live, 'metadata', 'generation') ?? 0
  const observed = field<number>(live, 'status', 'observedGeneration') ?? 0
  if (generation > observed) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed daemon set generation less then desired generation',
    }
  }
  const desired = field<number>(live, 'status', 'desiredNumberScheduled') ?? 0
  const updated = field<number>(live, 'status', 'updatedNumberScheduled') ?? 0
  if (field<string>(live, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return {
      status: 'Healthy',
      message: `daemon set ${updated} out of ${desired} new pods have been updated`,
    }
  }
  const name = live.metadata.name
  if (updated < desired) {
    return {
      status: 'Progressing',
      message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    }
  }
  const available = field<number>(live, 'status', 'numberAvailable') ?? 0
  if (available < desired) {
    return {
      status: 'Progressing',
      message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`,
    }
  }
  return { status: 'Healthy', message: '' }
}
