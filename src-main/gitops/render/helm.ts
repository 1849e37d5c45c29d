import { parse } from 'yaml'
import { parseManifestFile } from '../manifest/parse'
import type { ManifestProblem } from '../manifest/types'
import { readText } from './files'
import { splitHelmOutput, templateOrigin, templatePath } from './helm-origins'
import { dirnameOf, joinPath, normalisePath } from './paths'
import type { RenderContext, RenderResult } from './types'

/**
 * A Helm chart, rendered by the real `helm template <release> <chart>
 * --namespace <ns>` on the commit's tree with its values.yaml and the app's
 * extra values files. Each object keeps the template it came from (Helm's
 * `# Source:` comment) and the line its document starts on there.
 */
export async function renderHelm(context: RenderContext, chartFile: string): Promise<RenderResult> {
  const { source, sha, options } = context
  const result: RenderResult = { sourceType: 'Helm', objects: [], problems: [], notes: [] }
  const problem = (message: string, file = chartFile, line = 1) =>
    result.problems.push({ file, line, message })
  if (!options.tools) {
    problem('cannot render Helm here: no helm was given to run')
    return result
  }
  const chartDir = dirnameOf(chartFile)
  const valueFiles: string[] = []
  for (const v of options.helm?.valueFiles ?? []) {
    const path = normalisePath(joinPath(chartDir, v))
    if (path === undefined)
      problem(`values file "${v}" resolves outside the repository root: name a file inside it`)
    else valueFiles.push(path)
  }
  if (result.problems.length > 0) return result
  const chartName = await readChartName(context, chartFile)
  const rendered = await options.tools.helmTemplate({
    source,
    sha,
    dir: options.path,
    releaseName: options.helm?.releaseName ?? options.name ?? chartName ?? 'release',
    namespace: options.namespace,
    valueFiles,
  })
  if (!rendered.ok) {
    result.problems.push(helmProblem(rendered.error, chartDir, chartFile))
    return result
  }
  for (const warning of rendered.warnings) result.notes.push(`${chartFile}: ${warning}`)
  const files = new Map(context.files.map((f) => [f.path, f]))
  for (const doc of splitHelmOutput(rendered.yaml)) {
    const file = doc.source === undefined ? chartFile : templatePath(chartDir, doc.source)
    const origin = await templateOrigin(source, files, file, doc)
    const parsed = parseManifestFile(file, doc.text)
    for (const p of parsed.problems) result.problems.push({ ...p, line: origin.line })
    for (const { object } of parsed.objects) result.objects.push({ object, origin })
  }
  return result
}

async function readChartName(
  context: RenderContext,
  chartFile: string,
): Promise<string | undefined> {
  const file = context.files.find((f) => f.path === chartFile)
  if (!file) return undefined
  const read = await readText(context.source, file)
  if (!('text' in read)) return undefined
  try {
    const chart = parse(read.text) as { name?: unknown } | null
    return typeof chart?.name === 'string' ? chart.name : undefined
  } catch {
    return undefined
  }
}

/**
 * Helm's error, placed on the template it names when it names one
 * (`Error: web/templates/deployment.yaml:19:59 executing …`), else on Chart.yaml.
 */
export function helmProblem(error: string, chartDir: string, chartFile: string): ManifestProblem {
  const at = /([\w.-]+(?:\/charts\/[\w.-]+)?\/templates\/[^\s:()"]+):(\d+)/.exec(error)
  if (at) return { file: templatePath(chartDir, at[1]!), line: Number(at[2]), message: error }
  const on = /YAML parse error on ([^\s:]+)/.exec(error)
  if (on) return { file: templatePath(chartDir, on[1]!), line: 1, message: error }
  return { file: chartFile, line: 1, message: error }
}
