import type { HealthCheck } from './types'
import { field } from './types'

/** gitops-engine `getAppsv1ReplicaSetHealth`. */
export const replicaSetHealth: HealthCheck = (live) => {
  const generation = field<number>(live, 'metadata', 'generation') ?? 0
  const observed = field<number>(live, 'status', 'observedGeneration') ?? 0
  if (generation > observed) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed replica set generation less than desired generation',
    }
  }
  const failure = (
    field<{ type: string; status: string; message?: string }[]>(live, 'status', 'conditions') ?? []
  ).find((c) => c.type === 'ReplicaFailure' && c.status === 'True')
  if (failure) return { status: 'Degraded', message: failure.message ?? '' }
  const replicas = field<number>(live, 'spec', 'replicas') ?? 1
  const available = field<number>(live, 'status', 'availableReplicas') ?? 0
  if (available < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} out of ${replicas} new replicas are available...`,
    }
  }
  return { status: 'Healthy', message: '' }
}
