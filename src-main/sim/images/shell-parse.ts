/**
 * A parser for the shell one-liners people put in pod specs (`sh -c "..."`):
 * commands with quoted words and `$VAR`s, `;` `&&` `||` and newlines, `while`,
 * `until`, `for` and `if`. Pipes run their commands in order; redirections
 * silence a command's output. Enough for the course labs, not a POSIX shell.
 */
export type Node =
  | { type: 'command'; words: Word[]; silent: boolean; target?: string }
  | { type: 'list'; items: { node: Node; op: ';' | '&&' | '||' }[] }
  | { type: 'while'; until: boolean; condition: Node; body: Node }
  | { type: 'for'; variable: string; values: Word[]; body: Node }
  | { type: 'if'; condition: Node; then: Node; else?: Node }

/** A word's parts: literal text, or a variable to expand. */
export type Word = ({ text: string } | { variable: string })[]

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: string }

const OPERATORS = ['&&', '||', '2>&1', '>>', ';', '\n', '|', '>', '<', '&']

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i]!
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++
      continue
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++
      continue
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i))
    if (op) {
      tokens.push({ kind: 'op', op })
      i += op.length
      continue
    }
    const word: Word = []
    let raw = ''
    const literal = (text: string): void => {
      const last = word[word.length - 1]
      if (last && 'text' in last) last.text += text
      else word.push({ text })
    }
    while (i < source.length && !' \t\r\n;&|<>'.includes(source[i]!)) {
      const c = source[i]!
      if (c === "'") {
        const end = source.indexOf("'", i + 1)
        const stop = end < 0 ? source.length : end
        literal(source.slice(i + 1, stop))
        raw += source.slice(i, stop + 1)
        i = stop + 1
      } else if (c === '"') {
        i++
        while (i < source.length && source[i] !== '"') {
          if (source[i] === '\\' && i + 1 < source.length) {
            literal(source[i + 1]!)
            i += 2
          } else if (source[i] === '$') i = readVariable(source, i, word)
          else literal(source[i++]!)
        }
        i++
        raw += '"'
      } else if (c === '\\' && i + 1 < source.length) {
        literal(source[i + 1]!)
        i += 2
      } else if (c === '$') {
        i = readVariable(source, i, word)
      } else {
        literal(c)
        raw += c
        i++
      }
    }
    tokens.push({ kind: 'word', word, raw: raw || wordText(word) })
  }
  return tokens
}

function readVariable(source: string, i: number, word: Word): number {
  const braced = source[i + 1] === '{'
  const m = /^[A-Za-z_][A-Za-z0-9_]*|^[?$#0-9]/.exec(source.slice(braced ? i + 2 : i + 1))
  if (!m) {
    word.push({ text: '$' })
    return i + 1
  }
  word.push({ variable: m[0] })
  return i + 1 + (braced ? 2 : 0) + m[0].length
}

function wordText(word: Word): string {
  return word.map((p) => ('text' in p ? p.text : `$${p.variable}`)).join('')
}

const KEYWORDS = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'in'])

class Parser {
  private pos = 0
  constructor(private readonly tokens: Token[]) {}

  private peekWord(): string | undefined {
    const t = this.tokens[this.pos]
    return t?.kind === 'word' ? t.raw : undefined
  }

  private skipSeparators(): void {
    while (
      this.tokens[this.pos]?.kind === 'op' &&
      [';', '\n', '&'].includes((this.tokens[this.pos] as { op: string }).op)
    )
      this.pos++
  }

  private expectWord(keyword: string): void {
    this.skipSeparators()
    if (this.peekWord() !== keyword) throw new Error(`syntax error: expected "${keyword}"`)
    this.pos++
  }

  list(stop: readonly string[] = []): Node {
    const items: { node: Node; op: ';' | '&&' | '||' }[] = []
    let op: ';' | '&&' | '||' = ';'
    for (;;) {
      this.skipSeparators()
      const word = this.peekWord()
      if (this.pos >= this.tokens.length || (word !== undefined && stop.includes(word))) break
      items.push({ node: this.compound(), op })
      const next = this.tokens[this.pos]
      if (next?.kind === 'op' && (next.op === '&&' || next.op === '||')) {
        op = next.op
        this.pos++
      } else op = ';'
    }
    return { type: 'list', items }
  }

  private compound(): Node {
    const word = this.peekWord()
    if (word === 'while' || word === 'until') {
      this.pos++
      const condition = this.list(['do'])
      this.expectWord('do')
      const body = this.list(['done'])
      this.expectWord('done')
      return { type: 'while', until: word === 'until', condition, body }
    }
    if (word === 'for') {
      this.pos++
      const variable = this.peekWord() ?? ''
      this.pos++
      const values: Word[] = []
      if (this.peekWord() === 'in') {
        this.pos++
        while (this.tokens[this.pos]?.kind === 'word' && this.peekWord() !== 'do')
          values.push((this.tokens[this.pos++] as { word: Word }).word)
      }
      this.expectWord('do')
      const body = this.list(['done'])
      this.expectWord('done')
      return { type: 'for', variable, values, body }
    }
    if (word === 'if') {
      this.pos++
      const condition = this.list(['then'])
      this.expectWord('then')
      const then = this.list(['else', 'fi'])
      let otherwise: Node | undefined
      if (this.peekWord() === 'else') {
        this.pos++
        otherwise = this.list(['fi'])
      }
      this.expectWord('fi')
      return { type: 'if', condition, then, else: otherwise }
    }
    return this.pipeline()
  }

  private pipeline(): Node {
    const commands: Node[] = [this.command()]
    while (
      this.tokens[this.pos]?.kind === 'op' &&
      (this.tokens[this.pos] as { op: string }).op === '|'
    ) {
      this.pos++
      commands.push(this.command())
    }
    return commands.length === 1
      ? commands[0]!
      : { type: 'list', items: commands.map((node) => ({ node, op: ';' as const })) }
  }

  private command(): Node {
    const words: Word[] = []
    let silent = false
    let target: string | undefined
    for (;;) {
      const t = this.tokens[this.pos]
      if (!t) break
      if (t.kind === 'op') {
        if (t.op === '>' || t.op === '>>' || t.op === '<') {
          const file = this.tokens[this.pos + 1]
          this.pos += 2
          if (t.op !== '<') {
            silent = true
            if (file?.kind === 'word' && file.raw !== '/dev/null') target = file.raw
          }
          continue
        }
        if (t.op === '2>&1') {
          this.pos++
          continue
        }
        break
      }
      if (words.length === 0 && KEYWORDS.has(t.raw)) break
      words.push(t.word)
      this.pos++
    }
    return target ? { type: 'command', words, silent, target } : { type: 'command', words, silent }
  }
}

export function parseScript(source: string): Node {
  const parser = new Parser(tokenize(source))
  return parser.list()
}
