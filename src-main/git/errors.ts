/**
 * A problem with the repository itself (missing, not Git, no commits, unknown
 * branch or revision), told in one line that names the path and says what to do.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError'
}
