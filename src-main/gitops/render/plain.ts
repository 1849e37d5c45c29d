import { parseManifestFile } from '../manifest/parse'
import type { DesiredObject, ManifestProblem } from '../manifest/types'
import { resourceKey } from '../manifest/types'
import type { GitSource } from '../ports'

export interface RenderResult {
  objects: DesiredObject[]
  problems: ManifestProblem[]
  notes: string[]
}

const MANIFEST_FILE = /\.ya?ml$/i

/**
 * Plain manifests: every `*.yaml` / `*.yml` file under the path, all documents of
 * each, in path order. Duplicate objects are a problem that names both places.
 */
export async function renderPlain(
  source: GitSource,
  sha: string,
  path: string,
): Promise<RenderResult> {
  const files = (await source.listFiles(sha, path))
    .filter((f) => MANIFEST_FILE.test(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
  const result: RenderResult = { objects: [], problems: [], notes: [] }
  const decoder = new TextDecoder('utf-8', { fatal: true })
  for (const file of files) {
    let text: string
    try {
      text = decoder.decode(await source.readBlob(file.oid))
    } catch {
      result.problems.push({
        file: file.path,
        message: 'not UTF-8 text: a manifest must be a YAML text file',
      })
      continue
    }
    const parsed = parseManifestFile(file.path, text)
    result.objects.push(...parsed.objects)
    result.problems.push(...parsed.problems)
    for (const s of parsed.skipped)
      result.notes.push(`${file.path}:${s.line}: ignored, ${s.reason}`)
  }
  return result
}

/** Fills in the target namespace and reports objects declared twice. */
export function normaliseDesired(
  objects: DesiredObject[],
  namespace: string,
  isNamespaced: (apiVersion: string, kind: string) => boolean | undefined,
): { objects: DesiredObject[]; problems: ManifestProblem[] } {
  const seen = new Map<string, DesiredObject>()
  const problems: ManifestProblem[] = []
  const out: DesiredObject[] = []
  for (const desired of objects) {
    const obj = structuredClone(desired.object)
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
