import type { HealthCheck } from './types'
import { field } from './types'

/** gitops-engine `getCorev1PVCHealth`: by the claim's phase. */
export const persistentVolumeClaimHealth: HealthCheck = (live) => {
  switch (field<string>(live, 'status', 'phase')) {
    case 'Bound':
      return { status: 'Healthy', message: '' }
    case 'Pending':
      return { status: 'Progressing', message: '' }
    case 'Lost':
      return { status: 'Degraded', message: '' }
    default:
      return { status: 'Unknown', message: '' }
  }
}
