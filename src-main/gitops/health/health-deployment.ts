import type { HealthCheck } from './types'
import { field } from './types'

interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

/** gitops-engine `getAppsv1DeploymentHealth`, which borrows kubectl's rollout status. */
export const deploymentHealth: HealthCheck = (live) => {
  const name = live.metadata.name
  if (field<boolean>(live, 'spec', 'paused'))
    return { status: 'Suspended', message: 'Deployment is paused' }
  const generation = field<number>(live, 'metadata', 'generation') ?? 0
  const observed = field<number>(live, 'status', 'observedGeneration') ?? 0
  if (generation > observed) {
    return {
      status: 'Progressing',
      message:
        'Waiting for rollout to finish: observed deployment generation less than desired generation',
    }
  }
  const conditions = field<Condition[]>(live, 'status', 'conditions') ?? []
  const progressing = conditions.find((c) => c.type === 'Progressing')
  const replicas = field<number>(live, 'spec', 'replicas') ?? 1
  const updated = field<number>(live, 'status', 'updatedReplicas') ?? 0
  const total = field<number>(live, 'status', 'replicas') ?? 0
  const available = field<number>(live, 'status', 'availableReplicas') ?? 0
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { status: 'Degraded', message: `Deployment "${name}" exceeded its progress deadline` }
  }
  if (updated < replicas) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
    }
  }
  if (total > updated) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${total - updated} old replicas are pending termination...`,
    }
  }
  if (available < updated) {
    return {
      status: 'Progressing',
      message: `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    }
  }
  return { status: 'Healthy', message: '' }
}
