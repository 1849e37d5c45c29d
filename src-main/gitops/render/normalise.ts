import type { DesiredObject, Manifest, ManifestProblem } from '../manifest/types'
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
    const obj = normalised(
      desired.object,
      namespace,
      isNamespaced(desired.object.apiVersion, desired.object.kind),
    )
    const key = keyOfCopy(obj)
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

/**
 * The object with its namespace filled in. A parsed object a commit did not
 * change is the same object as the last commit's (the parse cache keeps it),
 * so its normalised copy is kept too: later steps can tell unchanged
 * declarations by identity alone.
 */
const copies = new WeakMap<
  Manifest,
  { namespace: string; namespaced: boolean | undefined; copy: Manifest }
>()
/** The key of each copy, made with it (a copy is never changed after). */
const copyKeys = new WeakMap<Manifest, string>()

function keyOfCopy(copy: Manifest): string {
  let key = copyKeys.get(copy)
  if (key === undefined) copyKeys.set(copy, (key = resourceKey(copy)))
  return key
}

function normalised(
  parsed: Manifest,
  namespace: string,
  namespaced: boolean | undefined,
): Manifest {
  const kept = copies.get(parsed)
  if (kept && kept.namespace === namespace && kept.namespaced === namespaced) return kept.copy
  const copy = { ...parsed, metadata: { ...parsed.metadata } }
  if (namespaced === false) delete copy.metadata.namespace
  else copy.metadata.namespace ??= namespace
  copies.set(parsed, { namespace, namespaced, copy })
  return copy
}
