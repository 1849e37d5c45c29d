import type { Manifest } from '../manifest/types'
import { deploymentHealth } from './health-deployment'
import { podHealth } from './health-pod'
import { replicaSetHealth } from './health-replicaset'
import { serviceHealth } from './health-service'
import type { Health, HealthCheck } from './types'

/** Health checks by kind; kinds without one are Healthy once they exist (Argo CD shows no health for them). */
export const healthChecks: Partial<Record<string, HealthCheck>> = {
  Deployment: deploymentHealth,
  ReplicaSet: replicaSetHealth,
  Pod: podHealth,
  Service: serviceHealth,
}

export function assessHealth(live: Manifest | undefined): Health {
  if (!live) return { status: 'Missing', message: '' }
  if ((live.metadata as { deletionTimestamp?: string }).deletionTimestamp)
    return { status: 'Progressing', message: 'Pending deletion' }
  return healthChecks[live.kind]?.(live) ?? { status: 'Healthy', message: '' }
}
