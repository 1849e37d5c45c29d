import { isMap, isSeq, LineCounter, parseAllDocuments, type SchemaOptions } from 'yaml'
import { isList, type RawDocument } from './documents'
import { resolvePlainScalar } from './scalars'

/**
 * Plain scalars read as kubectl reads them (see `resolvePlainScalar`); the
 * failsafe schema leaves every other scalar a string.
 */
export const KUBECTL_SCALARS: Pick<SchemaOptions, 'schema' | 'customTags'> = {
  schema: 'failsafe',
  customTags: [
    {
      tag: 'tag:yaml.org,2002:int',
      default: true,
      test: /^(?:[-+.0-9~yYnNtTfFoO]|$)/,
      resolve: resolvePlainScalar,
    },
  ],
}

/**
 * Reads YAML with the `yaml` package, which is slower than js-yaml but says
 * precisely what is wrong and where: used when the fast reader gives up, for
 * directives, and for lists (whose items need their own lines).
 */
export function readPrecisely(text: string): RawDocument[] {
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    ...KUBECTL_SCALARS,
  })
  const out: RawDocument[] = []
  for (const [document, doc] of docs.entries()) {
    const line = lines.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line
    if (doc.errors.length > 0) {
      // Later errors in a broken document are mostly consequences of the first.
      const error = doc.errors[0]!
      const pos = lines.linePos(error.pos[0])
      out.push({
        document,
        line,
        error: {
          line: pos.line,
          column: pos.col,
          message: explain(error.code, firstLine(error.message)),
        },
      })
      continue
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: 100 })
    } catch (e) {
      out.push({ document, line, error: { line, message: (e as Error).message } })
      continue
    }
    const raw: RawDocument = { document, line, value }
    if (isList(value) && isMap(doc.contents)) {
      const items = doc.contents.get('items', true)
      if (isSeq(items))
        raw.itemLines = items.items.map(
          (item) => lines.linePos((item as { range?: [number] }).range?.[0] ?? doc.range[0]).line,
        )
    }
    out.push(raw)
  }
  return out
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
