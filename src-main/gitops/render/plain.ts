import { parseManifestFile, type ParsedFile } from '../manifest/parse'
import type { GitSource, TreeFile } from '../ports'
import { followLink, readText, SYMLINK_MODE } from './files'
import type { ParseCache } from './parse-cache'
import { basenameOf, dirnameOf, isUnder } from './paths'
import { CHART_FILE, isKustomization } from './source-type'
import type { RenderContext, RenderResult } from './types'

/** Argo CD's directory source reads these (and Jsonnet, which Drydock does not). */
const MANIFEST_FILE = /\.(ya?ml|json)$/

/**
 * Plain manifests (Argo CD's directory source, recursive): every `.yaml`, `.yml`
 * and `.json` file under the path, all documents of each, in path order. Other
 * files, YAML that is not a manifest, and Helm charts or Kustomize folders nested
 * inside are ignored with a note. A file whose blob was parsed before is not
 * read again.
 */
export async function renderPlain(context: RenderContext): Promise<RenderResult> {
  const { source, sha, options } = context
  const result: RenderResult = { sourceType: 'Directory', objects: [], problems: [], notes: [] }
  const nested = nestedRenderFolders(context.files, options.path)
  for (const dir of nested)
    result.notes.push(
      `${dir}: ignored, a ${nestedKind(context.files, dir)} folder; an app whose path is ${dir} renders it`,
    )
  const files = context.files
    .filter((f) => !nested.some((dir) => isUnder(f.path, dir)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const listed of files) {
    let file = listed
    if (listed.mode === SYMLINK_MODE) {
      const target = await followLink(source, sha, listed)
      if ('problem' in target) {
        result.problems.push(target.problem)
        continue
      }
      if ('note' in target) {
        result.notes.push(target.note)
        continue
      }
      file = target.file
    }
    if (!MANIFEST_FILE.test(file.path)) {
      result.notes.push(`${file.path}: ignored, not a manifest (.yaml, .yml or .json)`)
      continue
    }
    const parsed = await parseBlob(source, file, options.cache)
    result.objects.push(...parsed.objects)
    result.problems.push(...parsed.problems)
    for (const s of parsed.skipped)
      result.notes.push(`${file.path}:${s.line}: ignored, ${s.reason}`)
  }
  return result
}

/** One file's manifests, from the cache when its blob was parsed before. */
export async function parseBlob(
  source: GitSource,
  file: TreeFile,
  cache: ParseCache | undefined,
): Promise<ParsedFile> {
  const cached = cache?.get(file.oid, file.path)
  if (cached) return cached
  const read = await readText(source, file)
  const parsed: ParsedFile =
    'problem' in read
      ? { objects: [], problems: [read.problem], skipped: [] }
      : parseManifestFile(file.path, read.text)
  cache?.set(file.oid, file.path, parsed, 'text' in read ? read.sizeBytes : 0)
  return parsed
}

/** Folders below the app's own that hold a Helm chart or a kustomization, outermost only. */
function nestedRenderFolders(files: TreeFile[], appPath: string): string[] {
  const dirs = files
    .filter((f) => f.path !== appPath && isRenderFile(basenameOf(f.path)))
    .map((f) => dirnameOf(f.path))
    .filter((dir) => dir !== appPath)
    .sort()
  return dirs.filter((dir, i) => !dirs.slice(0, i).some((outer) => isUnder(dir, outer)))
}

function isRenderFile(name: string): boolean {
  return name === CHART_FILE || isKustomization(name)
}

function nestedKind(files: TreeFile[], dir: string): string {
  return files.some((f) => f.path === `${dir}/${CHART_FILE}`) ? 'Helm chart' : 'Kustomize'
}
