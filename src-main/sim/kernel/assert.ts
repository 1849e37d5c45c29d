/**
 * Invariant checks inside the simulation. A broken invariant is a bug in Drydock,
 * never in the user's manifests, so it throws with the context needed to fix it.
 */
export class InvariantError extends Error {
  override readonly name = 'InvariantError'
}

export function invariant(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) {
    throw new InvariantError(typeof message === 'string' ? message : message())
  }
}
