import type { HealthStatus } from '../../shared/dto'
import type { Manifest } from '../manifest/types'

export interface Health {
  status: HealthStatus
  message: string
}

/** A health check reads a live object as unstructured JSON, as gitops-engine's do. */
export type HealthCheck = (live: Manifest) => Health

/** Argo CD's order, best to worst: the app's health is the worst of its resources. */
export const healthOrder: readonly HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
]

export function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  return healthOrder.indexOf(a) >= healthOrder.indexOf(b) ? a : b
}

export function worstOf(statuses: Iterable<HealthStatus>): HealthStatus {
  let result: HealthStatus = 'Healthy'
  for (const s of statuses) result = worse(result, s)
  return result
}

/** Loose accessors for unstructured objects. */
export type Unstructured = Record<string, unknown>
export const field = <T>(obj: unknown, ...path: string[]): T | undefined => {
  let cur: unknown = obj
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Unstructured)[p]
  }
  return cur as T | undefined
}
