/**
 * Errors the simulated API server returns, with the HTTP code and `reason` of the
 * real `metav1.Status` so the kube-api layer can pass them through unchanged.
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Expired'
  | 'Timeout'
  | 'TooManyRequests'
  | 'InternalError'

const codes: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  Expired: 410,
  Timeout: 504,
  TooManyRequests: 429,
  InternalError: 500,
}

/** One `metav1.StatusCause`: why, in a machine-readable form (e.g. `NamespaceTerminating`). */
export interface StatusCause {
  readonly type: string
  readonly message: string
  readonly field?: string
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: number

  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly causes: readonly StatusCause[] = [],
  ) {
    super(message)
    this.code = codes[reason]
  }
}

/** `apierrors.HasStatusCause`: controllers skip work the API server will refuse for a known cause. */
export function hasStatusCause(e: unknown, type: string): boolean {
  return e instanceof ApiError && e.causes.some((c) => c.type === type)
}

/** `deployments.apps "web"` — how the API server names a resource in messages. */
export function qualifiedName(plural: string, group: string, name: string): string {
  return `${group === '' ? plural : `${plural}.${group}`} "${name}"`
}
