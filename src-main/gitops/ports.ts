import type { Manifest } from './manifest/types'

/**
 * What the reconciler needs from the outside world, and nothing more. `git`
 * implements GitSource; the host adapts the simulated cluster (or, later, a real
 * one) to ClusterTarget.
 */
export interface CommitInfo {
  sha: string
  subject: string
  message: string
  author: { name: string; email: string; timestampMs: number }
  parents: string[]
}

export interface TreeFile {
  /** Path from the repository root, with forward slashes. */
  path: string
  oid: string
  mode: string
}

export interface GitSource {
  /** Every file in the commit's tree under `path` ('' for the whole tree). */
  listFiles(sha: string, path: string): Promise<TreeFile[]>
  readBlob(oid: string): Promise<Uint8Array>
  readCommit(sha: string): Promise<CommitInfo>
}

export type ApplyOutcome =
  { action: 'created' | 'configured' | 'unchanged' } | { action: 'failed'; message: string }

export interface ClusterTarget {
  /**
   * Checks an object as the API server would on a dry run; returns the error
   * message, if any. Namespaces the same sync creates first count as existing.
   */
  validate(obj: Manifest, context: { namespacesToCreate: ReadonlySet<string> }): string | undefined
  /** Creates or updates an object so its spec matches `obj`. */
  apply(obj: Manifest): ApplyOutcome
  get(ref: {
    apiVersion: string
    kind: string
    namespace?: string
    name: string
  }): Manifest | undefined
  /** Whether the kind lives in a namespace (undefined when the cluster does not know it). */
  isNamespaced(apiVersion: string, kind: string): boolean | undefined
}
