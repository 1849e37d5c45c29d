import { LineCounter, parseAllDocuments } from 'yaml'
import type { DesiredObject, Manifest, ManifestProblem } from './types'

export interface ParsedFile {
  objects: DesiredObject[]
  problems: ManifestProblem[]
  /** Documents that are YAML but not Kubernetes objects (no apiVersion and no kind). */
  skipped: { line: number; reason: string }[]
}

/**
 * Parses one YAML file (any number of documents) into manifests, keeping the line
 * each document starts on. A syntax error is reported with its line and column; a
 * document that is not an object, or lacks `apiVersion` or `kind`, is a problem in
 * kubectl's words; an empty document is ignored.
 */
export function parseManifestFile(file: string, text: string): ParsedFile {
  const result: ParsedFile = { objects: [], problems: [], skipped: [] }
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  })
  for (const [document, doc] of docs.entries()) {
    const start = lines.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line
    if (doc.errors.length > 0) {
      // Later errors in a broken document are mostly consequences of the first.
      const error = doc.errors[0]!
      const pos = lines.linePos(error.pos[0])
      result.problems.push({
        file,
        line: pos.line,
        column: pos.col,
        message: explain(error.code, firstLine(error.message)),
      })
      continue
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: 100 })
    } catch (e) {
      result.problems.push({ file, line: start, message: (e as Error).message })
      continue
    }
    if (value === null || value === undefined) continue
    if (typeof value !== 'object' || Array.isArray(value)) {
      result.problems.push({
        file,
        line: start,
        message: `expected a Kubernetes object (a mapping with apiVersion and kind), found ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`,
      })
      continue
    }
    const obj = value as Record<string, unknown>
    const hasApiVersion = typeof obj.apiVersion === 'string' && obj.apiVersion !== ''
    const hasKind = typeof obj.kind === 'string' && obj.kind !== ''
    if (!hasApiVersion && !hasKind && !('apiVersion' in obj) && !('kind' in obj)) {
      result.skipped.push({
        line: start,
        reason: 'not a Kubernetes manifest (no apiVersion or kind)',
      })
      continue
    }
    const missing = [!hasApiVersion && 'apiVersion not set', !hasKind && 'kind not set'].filter(
      Boolean,
    )
    if (missing.length > 0) {
      result.problems.push({
        file,
        line: start,
        message: `error validating data: [${missing.join(', ')}]`,
      })
      continue
    }
    const metadata = obj.metadata as Record<string, unknown> | undefined
    if (
      !metadata ||
      typeof metadata !== 'object' ||
      typeof metadata.name !== 'string' ||
      metadata.name === ''
    ) {
      result.problems.push({
        file,
        line: start,
        message: `${String(obj.kind)} has no metadata.name: add a name under metadata`,
      })
      continue
    }
    result.objects.push({
      object: obj as unknown as Manifest,
      origin: { file, line: start, document },
    })
  }
  return result
}

/** What to do about the YAML errors people make most. */
const hints: Partial<Record<string, string>> = {
  BAD_INDENT: 'check the indentation of this line and the next',
  MULTILINE_IMPLICIT_KEY: 'check the indentation of this line and the next',
  BLOCK_AS_IMPLICIT_KEY: 'check the indentation of this line and the next',
  TAB_AS_INDENT: 'YAML indents with spaces, not tabs',
  DUPLICATE_KEY: 'a key appears twice in the same mapping; keep one',
  MISSING_CHAR: 'a quote or bracket is not closed',
  UNEXPECTED_TOKEN: 'check for a stray character or a missing space after a colon',
}

function explain(code: string, message: string): string {
  const hint = hints[code]
  return hint ? `${message} (${hint})` : message
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
