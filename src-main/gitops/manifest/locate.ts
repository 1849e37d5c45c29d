import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml'
import { KUBECTL_SCALARS } from './parse-precise'

/** A step into a manifest: a mapping key, or a list index. */
export type FieldSegment = string | number

/** Where a field is written, both from 1, as editors count. */
export interface FieldPosition {
  line: number
  column: number
  /** The field's value as written, when it is an unquoted scalar. */
  plain?: string
}

/**
 * Finds fields of one file's documents in its text. The file is parsed once, on
 * the first question: a file is read again only when it has a problem to place,
 * so this may cost more than the first parse did.
 */
export class FieldLocator {
  private docs?: { docs: Document.Parsed[]; lines: LineCounter }

  constructor(private readonly text: string) {}

  /**
   * The position of `path` in document `document` (from 0, as the parser counts):
   * a mapping entry's key, a list item's first character. A path that does not
   * exist, e.g. a required field left out, gives its nearest ancestor that does;
   * undefined when the document itself does not exist.
   */
  locate(document: number, path: readonly FieldSegment[]): FieldPosition | undefined {
    const { docs, lines } = this.parsed()
    const doc = docs[document]
    if (!doc) return undefined
    let node = resolve(doc, doc.contents)
    let at = node?.range?.[0] ?? doc.range[0]
    let reached = true
    for (const segment of path) {
      const step = child(doc, node, segment)
      if (!step) {
        reached = false
        break
      }
      at = step.at
      node = step.node
    }
    const pos = lines.linePos(at)
    const found: FieldPosition = { line: pos.line, column: pos.col }
    if (reached && isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string')
      found.plain = node.source
    return found
  }

  private parsed(): { docs: Document.Parsed[]; lines: LineCounter } {
    if (!this.docs) {
      const lines = new LineCounter()
      // The same parse as `parseManifestFile`, so document indices agree.
      const docs = parseAllDocuments(this.text, {
        lineCounter: lines,
        prettyErrors: false,
        ...KUBECTL_SCALARS,
      })
      this.docs = { docs: Array.isArray(docs) ? docs : [], lines }
    }
    return this.docs
  }
}

/** The position of one field, parsing the text for this question alone. */
export function locateField(
  text: string,
  document: number,
  path: readonly FieldSegment[],
): FieldPosition | undefined {
  return new FieldLocator(text).locate(document, path)
}

function resolve(doc: Document.Parsed, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) ?? undefined
  return (node ?? undefined) as Node | undefined
}

function child(
  doc: Document.Parsed,
  node: Node | undefined,
  segment: FieldSegment,
): { node: Node | undefined; at: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))
    const key = pair?.key as Node | undefined
    if (!pair || !key?.range) return undefined
    return { node: resolve(doc, pair.value), at: key.range[0] }
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = resolve(doc, node.items[segment])
    const raw = node.items[segment] as Node | undefined
    const range = raw?.range ?? item?.range
    if (!range) return undefined
    return { node: item, at: range[0] }
  }
  return undefined
}
