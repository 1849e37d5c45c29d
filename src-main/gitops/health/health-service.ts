import type { HealthCheck } from './types'
import { field } from './types'

/** gitops-engine `getCorev1ServiceHealth`: a LoadBalancer waits for its address. */
export const serviceHealth: HealthCheck = (live) => {
  if (field<string>(live, 'spec', 'type') !== 'LoadBalancer')
    return { status: 'Healthy', message: '' }
  const ingress = field<unknown[]>(live, 'status', 'loadBalancer', 'ingress') ?? []
  return ingress.length > 0
    ? { status: 'Healthy', message: '' }
    : { status: 'Progressing', message: '' }
}
