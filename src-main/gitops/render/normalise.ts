import type { DesiredObject, ManifestProblem } from '../manifest/types'
import { resourceKey } from '../manifest/types'

/**
 * Fills in the target namespace and reports objects declared twice. Each object
 * and its metadata are copied; the rest is shared with the parse cache, so what
 * this returns is read-only below metadata (the store copies what it keeps).
 * Copying only that much keeps a 10,000-object revision cheap.
 */
export function normaliseDesired(
  objects: DesiredObject[],
  namespace: string,
  isNamespaced: (apiVersion: string, kind: string) => boolean | undefined,
): { objects: DesiredObject[]; problems: ManifestProblem[] } {
  const seen = new Map<string, DesiredObject>()
  const problems: ManifestProblem[] = []
  const out: DesiredObject[] = []
  for (const desired of objects) {
    const obj = { ...desired.object, metadata: { ...desired.object.metadata } }
    const namespaced = isNamespaced(obj.apiVersion, obj.kind)
    if (namespaced === false) delete obj.metadata.namespace
    else obj.metadata.namespace ??= namespace
    const key = resourceKey(obj)
    const first = seen.get(key)
    if (first) {
      problems.push({
        file: desired.origin.file,
        line: desired.origin.line,
        message: `${obj.kind} "${obj.metadata.name}" is declared twice: also at ${first.origin.file}:${first.origin.line}`,
      })
      continue
    }
    seen.set(key, desired)
    out.push({ object: obj, origin: desired.origin })
  }
  return { objects: out, problems }
}
