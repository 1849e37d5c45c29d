import type { Health } from './types'
import { field } from './types'
import type { Manifest } from '../manifest/types'

interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

/**
 * A kind without a health check of its own (a custom resource) that reports a
 * `Ready` condition, as most operators' resources do: Healthy when it is True,
 * Degraded when False (with its message), Progressing while Unknown. Without
 * one, it is Healthy once it exists, as Argo CD shows such resources.
 */
export function readyConditionHealth(live: Manifest): Health {
  const ready = field<Condition[]>(live, 'status', 'conditions')?.find((c) => c.type === 'Ready')
  if (!ready) return { status: 'Healthy', message: '' }
  const message = ready.message ?? ready.reason ?? ''
  if (ready.status === 'True') return { status: 'Healthy', message }
  if (ready.status === 'False') return { status: 'Degraded', message }
  return { status: 'Progressing', message }
}
