import type { Origin } from '../manifest/types'
import type { GitSource, TreeFile } from '../ports'
import { readText } from './files'
import { joinPath } from './paths'

/** One document of `helm template`'s output, with the template it came from. */
export interface HelmDocument {
  text: string
  /** The `# Source:` path, `<chart>/templates/<file>`, when Helm printed one. */
  source?: string
  kind?: string
  /**
   * Which document of that kind it is among those of its template, from 0. Helm
   * sorts its output by kind (stably), so a template's documents come out of
   * order but those of one kind keep theirs.
   */
  index: number
}

const KIND_LINE = /^kind:[ \t]*["']?([\w.-]+)/m

/** Splits Helm's output on its `---` lines, reading each document's `# Source:` comment. */
export function splitHelmOutput(yaml: string): HelmDocument[] {
  const seen = new Map<string, number>()
  return yaml
    .split(/^---[ \t]*$/m)
    .filter((text) => text.trim() !== '')
    .map((text) => {
      const source = /^# Source: (.+)$/m.exec(text)?.[1]?.trim()
      const kind = KIND_LINE.exec(text)?.[1]
      const key = `${source}\u0000${kind}`
      const index = seen.get(key) ?? 0
      seen.set(key, index + 1)
      return { text, source, kind, index }
    })
}

/** The repository path of a `# Source:` path: the chart's name replaced by the chart's folder. */
export function templatePath(chartDir: string, source: string): string {
  return joinPath(chartDir, source.slice(source.indexOf('/') + 1))
}

/**
 * Where a rendered document starts in its template: in the `index`-th of the
 * template's documents that declare its kind, the first line that is neither
 * blank, a comment, nor a template action alone on its line (`{{- if … }}`);
 * line 1 when the template cannot say.
 */
export async function templateOrigin(
  source: GitSource,
  files: Map<string, TreeFile>,
  file: string,
  doc: Pick<HelmDocument, 'kind' | 'index'>,
): Promise<Origin> {
  const tree = files.get(file)
  if (!tree) return { file, line: 1 }
  const read = await readText(source, tree)
  if (!('text' in read)) return { file, line: 1 }
  const ofKind = templateDocuments(read.text).filter((d) => d.kind === doc.kind)
  return { file, line: ofKind[doc.index]?.line ?? 1 }
}

/** A template's documents: the first line of content of each, and the kind it declares literally. */
function templateDocuments(text: string): { line: number; kind?: string }[] {
  const docs: { line: number; kind?: string; body: string[] }[] = []
  let current: { line: number; kind?: string; body: string[] } | undefined
  for (const [i, line] of text.split('\n').entries()) {
    if (/^---[ \t]*$/.test(line)) {
      current = undefined
      continue
    }
    const filler =
      line.trim() === '' || /^\s*#/.test(line) || /^\s*\{\{-?[^}]*-?\}\}\s*$/.test(line)
    if (!current && filler) continue
    if (!current) {
      current = { line: i + 1, body: [] }
      docs.push(current)
    }
    current.body.push(line)
  }
  return docs.map((d) => ({ line: d.line, kind: KIND_LINE.exec(d.body.join('\n'))?.[1] }))
}
