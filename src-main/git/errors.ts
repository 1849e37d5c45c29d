/**
 * A problem with the repository itself (missing, not Git, no commits, unknown
 * branch or revision), told in one line that names the path and says what to do.
 * The subclasses below let the host tell the causes apart; every one of them is
 * still a SourceError, so code that only shows the message needs nothing more.
 */
export class SourceError extends Error {
  override readonly name: string = 'SourceError'
}

/**
 * An object or file of the repository cannot be read or does not parse (a
 * truncated pack, a damaged loose object, a ref naming a missing commit). Git's
 * own `git fsck` names the damage; reading works again once it is repaired.
 */
export class CorruptRepositoryError extends SourceError {
  override readonly name = 'CorruptRepositoryError'
  constructor(
    message: string,
    /** The file that could not be read, relative to the git directory when inside it. */
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** The tracked branch is gone (deleted, renamed, or the repository was replaced). */
export class BranchMissingError extends SourceError {
  override readonly name = 'BranchMissingError'
  constructor(
    message: string,
    readonly branch: string,
    /** The branches that do exist, sorted. */
    readonly branches: string[],
  ) {
    super(message)
  }
}

/**
 * Git's lock files are present: another git command is running, or one
 * crashed and left them. Git itself refuses to write while they exist.
 */
export class LockedError extends SourceError {
  override readonly name = 'LockedError'
  constructor(
    message: string,
    /** Each lock file, relative to the git directory (`index.lock`, `refs/heads/main.lock`). */
    readonly lockFiles: string[],
  ) {
    super(message)
  }
}

/** Uncommitted changes would be overwritten or mixed into a commit Drydock writes. */
export class LocalChangesError extends SourceError {
  override readonly name = 'LocalChangesError'
  constructor(
    message: string,
    /** Paths from the repository root, each with git's status letters (`M`, `A`, `D`, `??`). */
    readonly files: { path: string; status: string }[],
  ) {
    super(message)
  }
}

/** A revert does not apply cleanly to the branch tip. */
export class RevertConflictError extends SourceError {
  override readonly name = 'RevertConflictError'
  constructor(
    message: string,
    /** Paths from the repository root that the tip changed since the reverted commit. */
    readonly files: string[],
  ) {
    super(message)
  }
}

/** A rollback or revert that would change nothing: git would write an empty commit. */
export class NothingToCommitError extends SourceError {
  override readonly name = 'NothingToCommitError'
}

/** The repository's folder or its `.git` went away after it was opened. */
export class RepositoryMissingError extends SourceError {
  override readonly name = 'RepositoryMissingError'
}
