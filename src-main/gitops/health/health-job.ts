import type { HealthCheck } from './types'
import { field } from './types'

interface Condition {
  type: string
  status: string
  message?: string
}

/**
 * gitops-engine `getBatchv1JobHealth`: Progressing until a Complete, Failed or
 * Suspended condition appears (of any status, as upstream reads them), then
 * Degraded for Failed, Suspended while suspended, else Healthy.
 */
export const jobHealth: HealthCheck = (live) => {
  let failed = false
  let complete = false
  let suspended = false
  let message = ''
  let failMessage = ''
  for (const c of field<Condition[]>(live, 'status', 'conditions') ?? []) {
    if (c.type === 'Failed') {
      failed = complete = true
      failMessage = c.message ?? ''
    } else if (c.type === 'Complete') {
      complete = true
      message = c.message ?? ''
    } else if (c.type === 'Suspended') {
      complete = true
      message = c.message ?? ''
      if (c.status === 'True') suspended = true
    }
  }
  if (!complete) return { status: 'Progressing', message }
  if (failed) return { status: 'Degraded', message: failMessage }
  // Upstream reports the (empty) failure message for a suspended Job.
  if (suspended) return { status: 'Suspended', message: failMessage }
  return { status: 'Healthy', message }
}
