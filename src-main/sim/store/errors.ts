/**
 * Errors the simulated API server returns, with the HTTP code and `reason` of the
 * real `metav1.Status` so the kube-api layer can pass them through unchanged.
 */
export type StatusReason =
  'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden'

const codes: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: number

  constructor(
    readonly reason: StatusReason,
    message: string,
  ) {
    super(message)
    this.code = codes[reason]
  }
}

/** `deployments.apps "web"` — how the API server names a resource in messages. */
export function qualifiedName(plural: string, group: string, name: string): string {
  return `${group === '' ? plural : `${plural}.${group}`} "${name}"`
}
