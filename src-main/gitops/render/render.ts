import type { ManifestProblem } from '../manifest/types'
import type { GitSource, TreeFile } from '../ports'
import { followLink, SYMLINK_MODE } from './files'
import { renderHelm } from './helm'
import { renderKustomize } from './kustomize'
import { renderPlain } from './plain'
import { detectSourceType } from './source-type'
import type { RenderContext, RenderOptions, RenderResult, SourceType } from './types'

const renderers: Record<
  SourceType,
  (context: RenderContext, file: string) => Promise<RenderResult>
> = {
  Directory: (context) => renderPlain(context),
  Kustomize: renderKustomize,
  Helm: renderHelm,
}

/**
 * Renders the app's folder at a commit as Argo CD would: a kustomization makes it
 * Kustomize, a Chart.yaml a Helm chart, anything else plain manifests. Bad input
 * becomes problems (file, line, message); nothing here throws for it.
 */
export async function renderRevision(
  source: GitSource,
  sha: string,
  options: RenderOptions,
): Promise<RenderResult> {
  let files: TreeFile[]
  try {
    files = await source.listFiles(sha, options.path)
  } catch (e) {
    return {
      sourceType: 'Directory',
      objects: [],
      notes: [],
      problems: [{ file: options.path, message: (e as Error).message }],
    }
  }
  const { type, file } = detectSourceType(files, options.path)
  const context = { source, sha, files, options }
  const result = await renderers[type](context, file ?? options.path)
  // Plain rendering follows links itself; the tools never see one that leaves the repository.
  if (type !== 'Directory') result.problems.unshift(...(await linksLeavingRepository(context)))
  return result
}

async function linksLeavingRepository(context: RenderContext): Promise<ManifestProblem[]> {
  const problems: ManifestProblem[] = []
  for (const file of context.files.filter((f) => f.mode === SYMLINK_MODE)) {
    const target = await followLink(context.source, context.sha, file)
    if ('problem' in target && target.outside) problems.push(target.problem)
  }
  return problems
}
