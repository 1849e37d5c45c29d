/**
 * What an unquoted scalar means to kubectl. kubectl turns YAML into JSON with
 * sigs.k8s.io/yaml, which reads it with go-yaml v2: YAML 1.1 booleans (`yes`,
 * `no`, `on`, `off`, `y`, `n`), octal written `0644`, underscores in numbers,
 * and timestamps kept as strings (a date cannot parse as a number, so it stays
 * text without a check of its own). So `value: yes` is the boolean true, which
 * a string field refuses, and `defaultMode: 0644` is 420, as in a cluster.
 * Transcribed from go-yaml v2's `resolve` (resolve.go), branch for branch.
 */
export function resolvePlainScalar(source: string): unknown {
  if (Object.hasOwn(WORDS, source)) return WORDS[source]
  const c = source.charCodeAt(0)
  if (c === DOT) return DOT_FLOAT.test(source) ? Number(source) : source
  const signed = c === PLUS || c === MINUS
  if (!signed && !(c >= 48 && c <= 57)) return source
  const plain = source.replaceAll('_', '')
  const int = goParseInt(plain)
  if (int !== undefined) return int
  if (YAML_STYLE_FLOAT.test(plain)) return zeroSign(Number(plain))
  return source
}

const DOT = 46
const PLUS = 43
const MINUS = 45

/** go-yaml v2's `resolveMap`. `<<` (merge) is left out: a merge key is read as a plain key. */
const WORDS: Record<string, unknown> = {
  y: true,
  Y: true,
  yes: true,
  Yes: true,
  YES: true,
  true: true,
  True: true,
  TRUE: true,
  on: true,
  On: true,
  ON: true,
  n: false,
  N: false,
  no: false,
  No: false,
  NO: false,
  false: false,
  False: false,
  FALSE: false,
  off: false,
  Off: false,
  OFF: false,
  '': null,
  '~': null,
  null: null,
  Null: null,
  NULL: null,
  '.nan': Number.NaN,
  '.NaN': Number.NaN,
  '.NAN': Number.NaN,
  '.inf': Number.POSITIVE_INFINITY,
  '.Inf': Number.POSITIVE_INFINITY,
  '.INF': Number.POSITIVE_INFINITY,
  '+.inf': Number.POSITIVE_INFINITY,
  '+.Inf': Number.POSITIVE_INFINITY,
  '+.INF': Number.POSITIVE_INFINITY,
  '-.inf': Number.NEGATIVE_INFINITY,
  '-.Inf': Number.NEGATIVE_INFINITY,
  '-.INF': Number.NEGATIVE_INFINITY,
}

/** `strconv.ParseFloat` of a scalar starting with a dot: `.5`, `.5e3`. */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/
/**
 * `strconv.ParseInt(s, 0, 64)`, then `ParseUint`, then the `0b` forms: a sign,
 * then `0x`, `0o`, `0b` or a leading `0` (octal) or decimal digits.
 */
function goParseInt(s: string): number | undefined {
  const sign = s.charCodeAt(0) === MINUS ? -1 : 1
  const body = s.charCodeAt(0) === MINUS || s.charCodeAt(0) === PLUS ? s.slice(1) : s
  const match = INTEGER.exec(body)
  if (!match) return undefined
  const [, hex, octal, binary, legacyOctal, decimal] = match
  const digits = hex ?? octal ?? binary ?? legacyOctal ?? decimal!
  const base = hex ? 16 : octal || legacyOctal ? 8 : binary ? 2 : 10
  // Beyond 2^53 a JavaScript number is as near as JSON decoding in a browser gets.
  const value = base === 10 ? Number(digits) : Number.parseInt(digits, base)
  return zeroSign(sign * value)
}

const INTEGER = /^(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]+)|(0|[1-9][0-9]*))$/

/** JSON has no negative zero: `-0` is 0 once it has been through JSON. */
const zeroSign = (n: number): number => (n === 0 ? 0 : n)
