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

/** What a rendering tool printed: the YAML it wrote, or why it failed. */
export type ToolResult =
  | {
      ok: true
      yaml: string
      /** What it printed on stderr while succeeding (deprecation warnings and the like). */
      warnings: string[]
    }
  | {
      ok: false
      /** Its error, in its own words, trimmed to the line that says what went wrong. */
      error: string
    }

/** A folder of one commit, which a tool reads from disk. */
export interface ToolInput {
  source: GitSource
  sha: string
  /** The folder inside the repository ('' for the root). */
  dir: string
}

/**
 * The real tools that render Kustomize and Helm folders (`kubectl kustomize`,
 * `helm template`), run on the commit's tree, never on uncommitted files.
 */
export interface ManifestTools {
  kustomizeBuild(input: ToolInput): Promise<ToolResult>
  helmTemplate(
    input: ToolInput & {
      releaseName: string
      namespace: string
      /** Extra values files, as paths from the repository root, applied in order after values.yaml. */
      valueFiles: string[]
    },
  ): Promise<ToolResult>
}

export type ApplyOutcome =
  { action: 'created' | 'configured' | 'unchanged' } | { action: 'failed'; message: string }

export type DeleteOutcome = { action: 'pruned' } | { action: 'failed'; message: string }

export interface ObjectRef {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
}

export interface ClusterTarget {
  /**
   * Checks an object as the API server would on a dry run; returns the error
   * message, if any. Namespaces the same sync creates first count as existing.
   */
  validate(obj: Manifest, context: { namespacesToCreate: ReadonlySet<string> }): string | undefined
  /** Creates or updates an object so its spec matches `obj`. */
  apply(obj: Manifest): ApplyOutcome
  /**
   * What `apply(obj)` would store, without storing it (a server-side dry run):
   * defaults filled in, what others wrote kept. What a diff compares with live.
   */
  predict(obj: Manifest): { object: Manifest } | { error: string }
  /** Deletes an object as `kubectl delete` does; its dependents go in the background. */
  delete(ref: ObjectRef): DeleteOutcome
  get(ref: ObjectRef): Manifest | undefined
  /** The live objects whose tracking annotation (`app/tracking.ts`) names `app`. */
  listTracked(app: string): Manifest[]
  /** Whether the kind lives in a namespace (undefined when the cluster does not know it). */
  isNamespaced(apiVersion: string, kind: string): boolean | undefined
}
