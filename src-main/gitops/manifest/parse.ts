import { isList, LineIndex, type RawDocument } from './documents'
import { readBlock } from './parse-block'
import { readFast } from './parse-fast'
import { readPrecisely } from './parse-precise'
import type { DesiredObject, Manifest, ManifestProblem } from './types'

export interface ParsedFile {
  objects: DesiredObject[]
  problems: ManifestProblem[]
  /** Documents that are YAML or JSON but not Kubernetes objects (no apiVersion and no kind). */
  skipped: { line: number; reason: string }[]
}

export const NOT_A_MANIFEST = 'not a Kubernetes manifest (no apiVersion or kind)'

/**
 * Parses one manifest file (YAML with any number of documents, or JSON) into
 * manifests, keeping the line each document starts on. A list (`kind: List`)
 * gives its items, each with its own line. A syntax error is reported with its
 * line and column; a document that is not an object, or lacks `apiVersion` or
 * `kind`, is a problem in kubectl's words; an empty document is ignored, and one
 * with neither `apiVersion` nor `kind` (a values file, a config) is skipped.
 */
export function parseManifestFile(file: string, text: string): ParsedFile {
  const result: ParsedFile = { objects: [], problems: [], skipped: [] }
  const docs = /\.json$/i.test(file)
    ? readJson(text)
    : (readBlock(text) ?? readFast(text) ?? readPrecisely(text))
  for (const doc of docs) {
    if (doc.error) {
      result.problems.push({ file, ...doc.error })
      continue
    }
    if (isList(doc.value)) addList(result, file, doc)
    else addDocument(result, file, doc.value, doc.line, doc.document, true)
  }
  return result
}

/** JSON is read by JSON.parse (fast, exact); a list goes to the YAML reader for its items' lines. */
function readJson(text: string): RawDocument[] {
  if (text.trim() === '') return []
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    const message = (e as Error).message
    const at = /at position (\d+)/.exec(message)
    const lines = new LineIndex(text)
    const offset = at ? Number(at[1]) : /end of JSON/.test(message) ? text.trimEnd().length : 0
    return [
      {
        document: 0,
        line: 1,
        error: {
          line: lines.lineOf(offset),
          column: lines.columnOf(offset),
          message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
        },
      },
    ]
  }
  if (isList(value)) return readPrecisely(text)
  const start = text.search(/\S/)
  return [{ document: 0, line: new LineIndex(text).lineOf(Math.max(start, 0)), value }]
}

function addList(result: ParsedFile, file: string, doc: RawDocument): void {
  const items = (doc.value as { items: unknown[] }).items
  for (const [i, item] of items.entries())
    addDocument(result, file, item, doc.itemLines?.[i] ?? doc.line, doc.document, false)
}

/** Judges one document (or list item) as a Kubernetes object. */
function addDocument(
  result: ParsedFile,
  file: string,
  value: unknown,
  line: number,
  document: number,
  mayBeSkipped: boolean,
): void {
  const problem = (message: string) => result.problems.push({ file, line, message })
  if (value === null || value === undefined) return
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem(
      `expected a Kubernetes object (a mapping with apiVersion and kind), found ${Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`}`,
    )
    return
  }
  const obj = value as Record<string, unknown>
  const hasApiVersion = typeof obj.apiVersion === 'string' && obj.apiVersion !== ''
  const hasKind = typeof obj.kind === 'string' && obj.kind !== ''
  if (mayBeSkipped && !('apiVersion' in obj) && !('kind' in obj)) {
    result.skipped.push({ line, reason: NOT_A_MANIFEST })
    return
  }
  const missing = [!hasApiVersion && 'apiVersion not set', !hasKind && 'kind not set'].filter(
    Boolean,
  )
  if (missing.length > 0) {
    problem(`error validating data: [${missing.join(', ')}]`)
    return
  }
  const metadata = obj.metadata as Record<string, unknown> | undefined
  if (
    !metadata ||
    typeof metadata !== 'object' ||
    typeof metadata.name !== 'string' ||
    metadata.name === ''
  ) {
    problem(`${String(obj.kind)} has no metadata.name: add a name under metadata`)
    return
  }
  result.objects.push({
    object: obj as unknown as Manifest,
    origin: { file, line, document },
  })
}
