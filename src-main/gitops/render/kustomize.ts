import { parseManifestFile } from '../manifest/parse'
import type { ManifestProblem } from '../manifest/types'
import { readText } from './files'
import { KustomizeOrigins } from './kustomize-origins'
import type { RenderContext, RenderResult } from './types'

/**
 * A Kustomize folder, built by the real `kubectl kustomize` on the commit's tree.
 * Each object is traced back to the resource file that declares it (else the
 * kustomization file); kustomize's warnings become notes, its error a problem on
 * the kustomization file, in its own words.
 */
export async function renderKustomize(
  context: RenderContext,
  kustomizationFile: string,
): Promise<RenderResult> {
  const { source, sha, options } = context
  const result: RenderResult = { sourceType: 'Kustomize', objects: [], problems: [], notes: [] }
  if (!options.tools) {
    result.problems.push({
      file: kustomizationFile,
      line: 1,
      message: 'cannot render Kustomize here: no kubectl or kustomize was given to run',
    })
    return result
  }
  const built = await options.tools.kustomizeBuild({ source, sha, dir: options.path })
  if (!built.ok) {
    result.problems.push({
      file: kustomizationFile,
      line: await lineMentioned(context, kustomizationFile, built.error),
      message: built.error,
    })
    return result
  }
  for (const warning of built.warnings) result.notes.push(`${kustomizationFile}: ${warning}`)
  const output = parseManifestFile(kustomizationFile, built.yaml)
  result.problems.push(...output.problems)
  const origins = await KustomizeOrigins.read(source, sha, options.path, options.cache).catch(() =>
    KustomizeOrigins.empty(),
  )
  for (const { object } of output.objects) {
    const origin = origins.find(object.kind, object.metadata.name) ?? {
      file: kustomizationFile,
      line: 1,
    }
    result.objects.push({ object, origin })
  }
  return result
}

/**
 * The line of the kustomization file that names something the error quotes
 * (kustomize quotes the resource it could not load), else 1.
 */
async function lineMentioned(
  context: RenderContext,
  kustomizationFile: string,
  error: string,
): Promise<ManifestProblem['line']> {
  const file = context.files.find((f) => f.path === kustomizationFile)
  if (!file) return 1
  const read = await readText(context.source, file)
  if (!('text' in read)) return 1
  const quoted = [...error.matchAll(/'([^'\s]+)'/g)].map((m) => m[1]!)
  const lines = read.text.split('\n')
  for (const name of quoted) {
    const bare = name.replace(/^.*\//, '')
    const i = lines.findIndex((l) => !/^\s*#/.test(l) && l.includes(name))
    const j = i === -1 ? lines.findIndex((l) => !/^\s*#/.test(l) && bare && l.includes(bare)) : i
    if (j !== -1) return j + 1
  }
  return 1
}
