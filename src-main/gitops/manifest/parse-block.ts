import { isList, type RawDocument } from './documents'
import { resolvePlainScalar } from './scalars'

/**
 * Reads the plain YAML nearly every manifest is written in (block mappings and
 * sequences, plain and simply quoted scalars, literal block scalars, flow
 * collections closed on their line) about ten times faster than a general
 * parser, and gives up, returning undefined, on anything else: anchors, tags,
 * folded scalars, escapes, multi-line plain or flow values, tabs, keys that
 * are not plainly text. Plain scalars mean what they mean to kubectl
 * (`resolvePlainScalar`), as in the other readers; a test holds it to the
 * precise reader on every fixture and on thousands of mutations of them.
 * Lists (`kind: List`) are left to the other readers, for their items' lines.
 */
export function readBlock(text: string): RawDocument[] | undefined {
  if (!SIMPLE_TEXT.test(text) || /^(%|\.\.\.)/m.test(text)) return undefined
  try {
    return new BlockReader(text).documents()
  } catch (e) {
    if (e === GIVE_UP) return undefined
    throw e
  }
}

/** No tab, carriage return, byte-order mark or other control character. */
// eslint-disable-next-line no-control-regex
const SIMPLE_TEXT = /^[^\x00-\x09\x0b-\x1f\x7f\ufeff]*$/

const GIVE_UP = Symbol('give up')
function giveUp(): never {
  throw GIVE_UP
}

const SPACE = 32
const HASH = 35
const COLON = 58
const DASH = 45
const QUOTE = 34
const APOSTROPHE = 39
const BRACE = 123
const BRACKET = 91

/** A line that holds no node: blank or a comment. */
const NO_NODE = -1

class BlockReader {
  /** Offset of each line's first character, and of the end of its content (trailing spaces left out). */
  private readonly starts: number[] = []
  private readonly ends: number[] = []
  /** Each line's leading spaces, and its indentation or NO_NODE. */
  private readonly lead: number[] = []
  private readonly indents: number[] = []
  /** The next line holding a node, and the line after the current document. */
  private line = 0
  private end = 0
  /** Where the flow reader stands. */
  private pos = 0

  constructor(private readonly text: string) {
    let start = 0
    while (start <= text.length) {
      let newline = text.indexOf('\n', start)
      if (newline === -1) newline = text.length
      let indent = start
      while (text.charCodeAt(indent) === SPACE) indent++
      let end = newline
      while (end > indent && text.charCodeAt(end - 1) === SPACE) end--
      this.starts.push(start)
      this.ends.push(end)
      this.lead.push(indent - start)
      this.indents.push(
        indent === end || text.charCodeAt(indent) === HASH ? NO_NODE : indent - start,
      )
      start = newline + 1
    }
  }

  documents(): RawDocument[] {
    const out: RawDocument[] = []
    const count = this.starts.length
    let first = 0
    let explicit = false
    let lastLine = 1
    for (let l = 0; l <= count; l++) {
      const separator = l < count && this.isSeparator(l)
      if (!separator && l < count) continue
      // The text before the first `---` is a document only when it holds a node.
      this.line = first
      this.end = l
      this.skipEmpty()
      if (explicit || this.line < l) {
        if (this.line < l) lastLine = this.line + 1
        const value = this.line < l ? this.root() : null
        // A list's items need lines of their own, which the other readers give.
        if (isList(value)) giveUp()
        out.push({ document: out.length, line: lastLine, value })
      }
      first = l + 1
      explicit = true
    }
    return out
  }

  private isSeparator(l: number): boolean {
    const start = this.starts[l]!
    if (!this.text.startsWith('---', start)) return false
    if (this.ends[l] === start + 3) return true
    return giveUp()
  }

  private root(): unknown {
    const l = this.line
    const column = this.indents[l]!
    const value = this.isItem(l, column)
      ? this.sequence(column)
      : this.keyEnd(this.starts[l]! + column, l) !== -1
        ? this.mapping(column, this.starts[l]! + column)
        : giveUp()
    if (this.line < this.end) giveUp()
    return value
  }

  private skipEmpty(): void {
    while (this.line < this.end && this.indents[this.line] === NO_NODE) this.line++
  }

  /** Whether line `l` is a sequence item (`- ` or a lone `-`) at `column`. */
  private isItem(l: number, column: number): boolean {
    const at = this.starts[l]! + column
    if (this.text.charCodeAt(at) !== DASH) return false
    return at + 1 === this.ends[l] || this.text.charCodeAt(at + 1) === SPACE
  }

  /** The indentation of the next line holding a node, or -1 at the document's end. */
  private nextIndent(): number {
    this.skipEmpty()
    return this.line < this.end ? this.indents[this.line]! : -1
  }

  /**
   * The offset of the `:` ending a mapping key that starts at `at` on line `l`,
   * or -1 when the line does not start with a key. A key is a plain word that
   * can only be a string, or a simply quoted one.
   */
  private keyEnd(at: number, l: number): number {
    const text = this.text
    const lineEnd = this.ends[l]!
    let colon: number
    const c = text.charCodeAt(at)
    if (c === QUOTE || c === APOSTROPHE) {
      colon = this.quotedEnd(at, lineEnd) + 1
    } else {
      if (!isKeyStart(c)) return -1
      colon = at + 1
      while (colon < lineEnd && isKeyChar(text.charCodeAt(colon))) colon++
    }
    if (text.charCodeAt(colon) !== COLON) return -1
    if (colon + 1 < lineEnd && text.charCodeAt(colon + 1) !== SPACE) return -1
    return colon
  }

  private key(at: number, colon: number): string {
    const c = this.text.charCodeAt(at)
    const quoted = c === QUOTE || c === APOSTROPHE
    const key = quoted ? this.quoted(at, colon - 1) : this.text.slice(at, colon)
    // A plain key that reads as a boolean or null (`y`, `on`, `null`), and one an object cannot hold plainly.
    if ((!quoted && resolvePlainScalar(key) !== key) || key === '__proto__') giveUp()
    return key
  }

  /** A mapping whose keys stand at `column`; the first one starts at offset `at` of the current line. */
  private mapping(column: number, at: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {}
    for (;;) {
      const l = this.line
      const colon = this.keyEnd(at, l)
      if (colon === -1) giveUp()
      const key = this.key(at, colon)
      if (Object.hasOwn(obj, key)) giveUp()
      const valueAt = this.skipSpaces(colon + 1, this.ends[l]!)
      this.line = l + 1
      if (valueAt === this.ends[l] || this.text.charCodeAt(valueAt) === HASH) {
        obj[key] = this.nested(column)
      } else if (this.text.charCodeAt(valueAt) === 124 /* | */) {
        obj[key] = this.literal(valueAt, l, column)
      } else {
        obj[key] = this.scalar(valueAt, this.ends[l]!)
        if (this.nextIndent() > column) giveUp()
      }
      const next = this.nextIndent()
      if (next < column) return obj
      if (next > column || this.isItem(this.line, column)) giveUp()
      at = this.starts[this.line]! + column
    }
  }

  /** The value of a key written alone on its line, under a key at `column`. */
  private nested(column: number): unknown {
    const next = this.nextIndent()
    if (next > column)
      return this.isItem(this.line, next)
        ? this.sequence(next)
        : this.mapping(next, this.starts[this.line]! + next)
    // kubectl writes a mapping's sequences at the key's own indentation.
    if (next === column && this.isItem(this.line, column)) return this.sequence(column)
    return null
  }

  /** A sequence whose `-` stand at `column`, starting on the current line. */
  private sequence(column: number): unknown[] {
    const items: unknown[] = []
    for (;;) {
      const l = this.line
      const lineEnd = this.ends[l]!
      const at = this.skipSpaces(this.starts[l]! + column + 1, lineEnd)
      if (at === lineEnd || this.isItem(l, at - this.starts[l]!)) giveUp()
      const c = this.text.charCodeAt(at)
      if (c === HASH || c === 124 /* | */) giveUp()
      if (this.keyEnd(at, l) !== -1) {
        items.push(this.mapping(at - this.starts[l]!, at))
      } else {
        items.push(this.scalar(at, lineEnd))
        this.line = l + 1
        if (this.nextIndent() > column) giveUp()
      }
      const next = this.nextIndent()
      if (next < column || (next === column && !this.isItem(this.line, column))) return items
      if (next > column) giveUp()
    }
  }

  /** A scalar written on one line, from `at` to the line's end (a comment left out). */
  private scalar(at: number, lineEnd: number): unknown {
    const text = this.text
    const c = text.charCodeAt(at)
    if (c === QUOTE || c === APOSTROPHE) {
      const close = this.quotedEnd(at, lineEnd)
      this.endsLine(close + 1, lineEnd)
      return this.quoted(at, close)
    }
    if (c === BRACE || c === BRACKET) {
      this.pos = at
      const value = this.flow(lineEnd)
      this.endsLine(this.pos, lineEnd)
      return value
    }
    // `-` before anything but a space starts a plain scalar (`--port=80`, `-1`).
    if (INDICATORS.has(c) && !(c === DASH && at + 1 < lineEnd && text.charCodeAt(at + 1) !== SPACE))
      giveUp()
    let end = at
    while (end < lineEnd) {
      const ch = text.charCodeAt(end)
      if (ch === SPACE && text.charCodeAt(end + 1) === HASH) break
      if (ch === COLON && (end + 1 === lineEnd || text.charCodeAt(end + 1) === SPACE)) giveUp()
      end++
    }
    while (text.charCodeAt(end - 1) === SPACE) end--
    return resolvePlainScalar(text.slice(at, end))
  }

  /**
   * A flow collection or scalar at `this.pos`, closed on the same line, of
   * plain or simply quoted scalars: `[sh, -c, "echo hi"]`, `{ name: web }`.
   */
  private flow(lineEnd: number): unknown {
    const text = this.text
    this.pos = this.skipSpaces(this.pos, lineEnd)
    const c = text.charCodeAt(this.pos)
    if (c === BRACKET) {
      const items: unknown[] = []
      this.pos++
      if (this.closes(93 /* ] */, lineEnd)) return items
      do items.push(this.flow(lineEnd))
      while (!this.next(93, lineEnd))
      return items
    }
    if (c === BRACE) {
      const obj: Record<string, unknown> = {}
      this.pos++
      if (this.closes(125 /* } */, lineEnd)) return obj
      do {
        const at = this.pos
        const k = text.charCodeAt(at)
        let colon: number
        if (k === QUOTE || k === APOSTROPHE) colon = this.quotedEnd(at, lineEnd) + 1
        else {
          if (!isKeyStart(k)) giveUp()
          colon = at + 1
          while (colon < lineEnd && isKeyChar(text.charCodeAt(colon))) colon++
        }
        if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) giveUp()
        const key = this.key(at, colon)
        if (Object.hasOwn(obj, key)) giveUp()
        this.pos = this.skipSpaces(colon + 1, lineEnd)
        const value = text.charCodeAt(this.pos)
        if (value === 44 /* , */ || value === 125) giveUp()
        obj[key] = this.flow(lineEnd)
      } while (!this.next(125, lineEnd))
      return obj
    }
    if (c === QUOTE || c === APOSTROPHE) {
      const close = this.quotedEnd(this.pos, lineEnd)
      const value = this.quoted(this.pos, close)
      this.pos = close + 1
      return value
    }
    const at = this.pos
    if (INDICATORS.has(c) && !(c === DASH && !FLOW_END.has(text.charCodeAt(at + 1)))) giveUp()
    let end = at
    while (end < lineEnd) {
      const ch = text.charCodeAt(end)
      if (ch === 44 || ch === 93 || ch === 125) break
      if (ch === BRACE || ch === BRACKET) giveUp()
      if (ch === SPACE && text.charCodeAt(end + 1) === HASH) giveUp()
      if (ch === COLON && FLOW_END.has(text.charCodeAt(end + 1))) giveUp()
      end++
    }
    this.pos = end
    while (text.charCodeAt(end - 1) === SPACE) end--
    return resolvePlainScalar(text.slice(at, end))
  }

  /** Whether `close` comes next, spaces skipped (and consumed if so). */
  private closes(close: number, lineEnd: number): boolean {
    this.pos = this.skipSpaces(this.pos, lineEnd)
    if (this.text.charCodeAt(this.pos) !== close) return false
    this.pos++
    return true
  }

  /** After a flow item: whether the collection ends, or a comma leads to another item. */
  private next(close: number, lineEnd: number): boolean {
    if (this.closes(close, lineEnd)) return true
    if (this.text.charCodeAt(this.pos) !== 44 /* , */) giveUp()
    this.pos++
    return this.closes(close, lineEnd)
  }

  /** Only spaces and a comment may follow a value on its line. */
  private endsLine(at: number, lineEnd: number): void {
    const rest = this.skipSpaces(at, lineEnd)
    if (rest !== lineEnd && (rest === at || this.text.charCodeAt(rest) !== HASH)) giveUp()
  }

  /** The offset of the quote closing the one at `at`, on the same line. */
  private quotedEnd(at: number, lineEnd: number): number {
    const text = this.text
    const quote = text.charCodeAt(at)
    for (let i = at + 1; i < lineEnd; i++) {
      const c = text.charCodeAt(i)
      if (c === 92 /* \ */ && quote === QUOTE) giveUp()
      if (c !== quote) continue
      if (quote === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE) i++
      else return i
    }
    return giveUp()
  }

  private quoted(at: number, close: number): string {
    const inner = this.text.slice(at + 1, close)
    return this.text.charCodeAt(at) === APOSTROPHE ? inner.replaceAll("''", "'") : inner
  }

  /**
   * A literal block scalar (`|`, or `|-` to strip the final line break) whose
   * header is at `at` on line `l`, under a key at `column`.
   */
  private literal(at: number, l: number, column: number): string {
    const text = this.text
    let headerEnd = at + 1
    const strip = text.charCodeAt(headerEnd) === DASH
    if (strip) headerEnd++
    this.endsLine(headerEnd, this.ends[l]!)
    // The first line with content sets the indentation; blank lines before it may not be deeper.
    let first = l + 1
    let deepestBlank = 0
    while (first < this.end && this.isBlank(first))
      deepestBlank = Math.max(deepestBlank, this.lead[first++]!)
    if (first >= this.end) giveUp()
    const indent = this.lead[first]!
    if (indent <= column || deepestBlank > indent) giveUp()
    let last = first
    for (let k = first; k < this.end; k++) {
      if (this.isBlank(k)) continue
      if (this.lead[k]! < indent) break
      last = k
    }
    // The block must end with a line break of its own.
    if (this.rawEnd(last) === text.length) giveUp()
    const lines: string[] = []
    for (let k = l + 1; k <= last; k++) {
      if (!this.isBlank(k)) lines.push(text.slice(this.starts[k]! + indent, this.rawEnd(k)))
      else if (this.lead[k]! > indent) giveUp()
      else lines.push('')
    }
    this.line = last + 1
    return lines.join('\n') + (strip ? '' : '\n')
  }

  private isBlank(l: number): boolean {
    return this.ends[l] === this.starts[l]! + this.lead[l]!
  }

  /** The end of line `l` before its line break, trailing spaces included. */
  private rawEnd(l: number): number {
    return l + 1 < this.starts.length ? this.starts[l + 1]! - 1 : this.text.length
  }

  private skipSpaces(at: number, end: number): number {
    while (at < end && this.text.charCodeAt(at) === SPACE) at++
    return at
  }
}

/** What ends a plain scalar's `:` or `-` in a flow collection, as a space does. */
const FLOW_END = new Set([SPACE, 10, 44, 93, 125, Number.NaN])

/** Characters that start something other than a plain scalar. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)))

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isKeyStart = (c: number): boolean => isLetter(c) || c === 95 /* _ */
const isKeyChar = (c: number): boolean =>
  isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === DASH || c === 47 /* / */
