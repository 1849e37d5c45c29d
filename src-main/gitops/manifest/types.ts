/**
 * Manifests as the reconciler sees them: unstructured JSON with an origin, the way
 * Argo CD's gitops-engine handles `unstructured.Unstructured`. Nothing here knows
 * the cluster's own types.
 */
export interface Manifest {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
    [field: string]: unknown
  }
  [field: string]: unknown
}

/** Where a manifest came from: the file and the line its document starts on. */
export interface Origin {
  file: string
  line: number
  /**
   * Which document of the file it is, from 0: with the file's text, enough to
   * find the line of any field in it again (`manifest/locate.ts`).
   */
  document?: number
}

export interface DesiredObject {
  object: Manifest
  origin: Origin
}

/** Something wrong with the input, named the way a person can find and fix it. */
export interface ManifestProblem {
  file: string
  line?: number
  column?: number
  message: string
}

export function formatProblem(p: ManifestProblem): string {
  const where =
    p.line === undefined
      ? p.file
      : p.column === undefined
        ? `${p.file}:${p.line}`
        : `${p.file}:${p.line}:${p.column}`
  return `${where}: ${p.message}`
}

/** `Kind/namespace/name`: one live object. */
export function resourceKey(obj: {
  kind: string
  metadata: { namespace?: string; name: string }
}): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`
}
