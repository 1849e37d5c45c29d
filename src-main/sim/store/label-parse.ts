import { isLabelKey } from './name-checks'
import {
  newRequirement,
  SelectorError,
  type Requirement,
  type SelectionOperator,
} from './label-requirement'

/**
 * The lexer and recursive-descent parser of `k8s.io/apimachinery/pkg/labels`
 * (`selector.go`), token for token, so a malformed selector fails with the
 * API server's words.
 */
type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '('

const literalTokens: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
}

interface Item {
  tok: Token
  lit: string
}

const isWhitespace = (ch: string): boolean =>
  ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n'
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== ''

function lex(text: string): Item[] {
  const items: Item[] = []
  let pos = 0
  const read = (): string => (pos < text.length ? text[pos++]! : '')
  for (;;) {
    let ch = read()
    while (ch !== '' && isWhitespace(ch)) ch = read()
    if (ch === '') {
      items.push({ tok: 'end', lit: '' })
      return items
    }
    pos--
    if (isSpecial(ch)) items.push(scanSpecial())
    else items.push(scanIdentifier())
  }

  function scanIdentifier(): Item {
    let buffer = ''
    for (;;) {
      const c = read()
      if (c === '') break
      if (isSpecial(c) || isWhitespace(c)) {
        pos--
        break
      }
      buffer += c
    }
    return { tok: literalTokens[buffer] ?? 'identifier', lit: buffer }
  }

  function scanSpecial(): Item {
    let buffer = ''
    let last: Item | undefined
    for (;;) {
      const c = read()
      if (c === '') break
      if (!isSpecial(c)) {
        pos--
        break
      }
      buffer += c
      const tok = literalTokens[buffer]
      if (tok) last = { tok, lit: buffer }
      else if (last) {
        pos--
        break
      }
    }
    return last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` }
  }
}

const binaryOperators = 'in, notin, =, ==, !=, gt, lt'

class Parser {
  private position = 0

  constructor(private readonly items: Item[]) {}

  /** In a list of values, `in` and `notin` are plain words. */
  private lookahead(values: boolean): Item {
    return this.asValue(this.items[this.position]!, values)
  }

  private consume(values: boolean): Item {
    return this.asValue(this.items[this.position++]!, values)
  }

  private asValue(item: Item, values: boolean): Item {
    return values && (item.tok === 'in' || item.tok === 'notin')
      ? { tok: 'identifier', lit: item.lit }
      : item
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = []
    for (;;) {
      const { tok, lit } = this.lookahead(true)
      if (tok === 'end') return requirements
      if (tok !== 'identifier' && tok !== '!') {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`)
      }
      try {
        requirements.push(this.parseRequirement())
      } catch (e) {
        if (e instanceof SelectorError)
          throw new SelectorError(`unable to parse requirement: ${e.message}`)
        throw e
      }
      const next = this.consume(true)
      if (next.tok === 'end') return requirements
      if (next.tok !== ',') {
        throw new SelectorError(`found '${next.lit}', expected: ',' or 'end of string'`)
      }
      const after = this.lookahead(true)
      if (after.tok !== 'identifier' && after.tok !== '!') {
        throw new SelectorError(`found '${after.lit}', expected: identifier after ','`)
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator()
    if (inferred === 'exists' || inferred === '!') return newRequirement(key, inferred, [])
    const operator = this.parseOperator()
    const values =
      operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue()
    return newRequirement(key, operator, [...values].sort())
  }

  private parseKeyAndInferOperator(): { key: string; operator?: SelectionOperator } {
    let operator: SelectionOperator | undefined
    let item = this.consume(true)
    if (item.tok === '!') {
      operator = '!'
      item = this.consume(true)
    }
    if (item.tok !== 'identifier')
      throw new SelectorError(`found '${item.lit}', expected: identifier`)
    const keyErrors = isLabelKey(item.lit)
    if (keyErrors.length > 0) {
      // The parser validates with no field path, which Go prints as <nil>.
      throw new SelectorError(
        `<nil>: Invalid value: ${JSON.stringify(item.lit)}: ${keyErrors.join('; ')}`,
      )
    }
    const next = this.lookahead(true).tok
    if ((next === 'end' || next === ',') && operator !== '!') operator = 'exists'
    return { key: item.lit, operator }
  }

  private parseOperator(): SelectionOperator {
    const { tok, lit } = this.consume(false)
    switch (tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return tok
      case '>':
        return 'gt'
      case '<':
        return 'lt'
      default:
        throw new SelectorError(`found '${lit}', expected: ${binaryOperators}`)
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true)
    if (open.tok !== '(') throw new SelectorError(`found '${open.lit}' expected: '('`)
    const { tok, lit } = this.lookahead(true)
    if (tok === 'identifier' || tok === ',') {
      const values = this.parseIdentifiersList()
      // Upstream quotes the first value here, not the token it found.
      if (this.consume(true).tok !== ')') throw new SelectorError(`found '${lit}', expected: ')'`)
      return values
    }
    if (tok === ')') {
      this.consume(true)
      return new Set([''])
    }
    throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`)
  }

  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>()
    for (;;) {
      const { tok, lit } = this.consume(true)
      if (tok === 'identifier') {
        values.add(lit)
        const next = this.lookahead(true)
        if (next.tok === ',') continue
        if (next.tok === ')') return values
        throw new SelectorError(`found '${next.lit}', expected: ',' or ')'`)
      }
      if (tok === ',') {
        if (values.size === 0) values.add('')
        const next = this.lookahead(true).tok
        if (next === ')') {
          values.add('')
          return values
        }
        if (next === ',') values.add('')
        continue
      }
      throw new SelectorError(`found '${lit}', expected: ',', or identifier`)
    }
  }

  private parseExactValue(): Set<string> {
    const ahead = this.lookahead(true).tok
    if (ahead === 'end' || ahead === ',') return new Set([''])
    const { tok, lit } = this.consume(true)
    if (tok === 'identifier') return new Set([lit])
    throw new SelectorError(`found '${lit}', expected: identifier`)
  }
}

/** `labels.ParseToRequirements`, unsorted (the caller sorts by key). */
export function parseRequirements(text: string): Requirement[] {
  return new Parser(lex(text)).parse()
}
