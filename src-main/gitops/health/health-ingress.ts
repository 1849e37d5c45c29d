import type { HealthCheck } from './types'
import { field } from './types'

/** gitops-engine `getIngressHealth`: Healthy once a controller has published an address. */
export const ingressHealth: HealthCheck = (live) => {
  const ingress = field<unknown[]>(live, 'status', 'loadBalancer', 'ingress') ?? []
  return ingress.length > 0
    ? { status: 'Healthy', message: '' }
    : { status: 'Progressing', message: '' }
}
