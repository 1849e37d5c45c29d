import { CronDate, CronExpressionParser, type CronExpression } from 'cron-parser'

/**
 * CronJob schedules as Kubernetes reads them: `cron.ParseStandard` of
 * robfig/cron v3 (five fields, month and weekday names, `?`, descriptors such as
 * `@hourly` and `@every 90m`, an optional `TZ=` prefix). The parse and its error
 * messages follow robfig, so the API server's validation reads the same; finding
 * the next activation is left to cron-parser, always from a virtual instant.
 */
export interface CronSchedule {
  /** The first activation strictly after `afterMs`; undefined when there is none (robfig's zero time). */
  next(afterMs: number): number | undefined
}

interface Bounds {
  readonly min: number
  readonly max: number
  readonly names?: Readonly<Record<string, number>>
}

const MINUTES: Bounds = { min: 0, max: 59 }
const HOURS: Bounds = { min: 0, max: 23 }
const DOM: Bounds = { min: 1, max: 31 }
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: {
    jan: 1,
    feb: 2,
    mar: 3,
    apr: 4,
    may: 5,
    jun: 6,
    jul: 7,
    aug: 8,
    sep: 9,
    oct: 10,
    nov: 11,
    dec: 12,
  },
}
const DOW: Bounds = {
  min: 0,
  max: 6,
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
}

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

class ParseError extends Error {}

/** A field as robfig keeps it: the values it allows, and whether it was written as `*` or `?`. */
interface Field {
  values: number[]
  star: boolean
}

const cache = new Map<string, CronSchedule | { error: string }>()

/** Parses `spec` as `cron.ParseStandard` would, in `timeZone` (UTC when unset), or says why it cannot. */
export function parseCronSchedule(
  spec: string,
  timeZone?: string,
): CronSchedule | { error: string } {
  const key = `${timeZone ?? ''}\u0000${spec}`
  let parsed = cache.get(key)
  if (!parsed) {
    try {
      parsed = parse(spec, timeZone ?? 'UTC')
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      parsed = { error: e.message }
    }
    if (cache.size > 1000) cache.clear()
    cache.set(key, parsed)
  }
  return parsed
}

/** Whether `name` is a time zone the IANA database knows (Go's `time.LoadLocation`). */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC') return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

function parse(spec: string, defaultZone: string): CronSchedule {
  if (spec.length === 0) throw new ParseError('empty spec string')
  let zone = defaultZone
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ')
    const name = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space)
    if (!isKnownTimeZone(name))
      throw new ParseError(`provided bad location ${name}: unknown time zone ${name}`)
    zone = name || 'UTC'
    spec = space < 0 ? '' : spec.slice(space).trim()
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) return everySchedule(spec)
    const standard = DESCRIPTORS[spec]
    if (standard === undefined) throw new ParseError(`unrecognized descriptor: ${spec}`)
    spec = standard
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '')
  if (fields.length !== 5) {
    throw new ParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`)
  }
  const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW]
  const parsed = fields.map((f, i) => parseField(f, bounds[i]!))
  return specSchedule(parsed, zone)
}

/** `getField`: a comma-separated list of ranges. */
function parseField(field: string, bounds: Bounds): Field {
  const values = new Set<number>()
  let star = false
  for (const expr of field.split(',').filter((r) => r !== '')) {
    const range = parseRange(expr, bounds)
    star ||= range.star
    for (const v of range.values) values.add(v)
  }
  return { values: [...values].sort((a, b) => a - b), star }
}

/** `getRange`: `number | number "-" number [ "/" number ]`, or `*` / `?`. */
function parseRange(expr: string, r: Bounds): Field {
  const rangeAndStep = expr.split('/')
  const lowAndHigh = rangeAndStep[0]!.split('-')
  const singleDigit = lowAndHigh.length === 1
  let start: number
  let end: number
  let star = false
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min
    end = r.max
    star = true
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names)
    if (lowAndHigh.length === 1) end = start
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names)
    else throw new ParseError(`too many hyphens: ${expr}`)
  }
  let step = 1
  if (rangeAndStep.length === 2) {
    step = parseNonNegative(rangeAndStep[1]!)
    if (singleDigit) end = r.max
    if (step > 1) star = false
  } else if (rangeAndStep.length > 2) {
    throw new ParseError(`too many slashes: ${expr}`)
  }
  if (start < r.min)
    throw new ParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`)
  if (end > r.max) throw new ParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`)
  if (start > end)
    throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`)
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`)
  const values: number[] = []
  for (let v = start; v <= end; v += step) values.push(v)
  return { values, star }
}

function parseIntOrName(expr: string, names: Bounds['names']): number {
  const named = names?.[expr.toLowerCase()]
  return named ?? parseNonNegative(expr)
}

/** `mustParseInt`: Go's `strconv.Atoi`, then no negatives. */
function parseNonNegative(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) {
    throw new ParseError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    )
  }
  const num = Number(expr)
  if (!Number.isSafeInteger(num)) {
    throw new ParseError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`,
    )
  }
  if (num < 0) throw new ParseError(`negative number (${num}) not allowed: ${expr}`)
  return num
}

/** Hands the parsed fields to cron-parser, with `*` kept where robfig keeps its star bit. */
function specSchedule(fields: Field[], zone: string): CronSchedule {
  if (fields.some((f) => f.values.length === 0)) return { next: () => undefined }
  const text = fields.map((f) => (f.star ? '*' : f.values.join(','))).join(' ')
  let expression: CronExpression | undefined
  try {
    expression = CronExpressionParser.parse(`0 ${text}`, { currentDate: 0, tz: zone })
  } catch {
    // A day that no month has (`0 0 30 2 *`) parses in robfig and never fires.
    expression = undefined
  }
  return {
    next(afterMs) {
      if (!expression) return undefined
      expression.reset(new CronDate(afterMs, zone))
      try {
        return expression.next().getTime()
      } catch {
        return undefined
      }
    },
  }
}

/** `@every <duration>`: a constant delay, in whole seconds, at least one. */
function everySchedule(spec: string): CronSchedule {
  const text = spec.slice('@every '.length)
  const ms = parseGoDuration(text, spec)
  const delayMs = Math.max(1000, ms - (ms % 1000))
  return { next: (afterMs) => Math.floor(afterMs / 1000) * 1000 + delayMs }
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
}

/** Go's `time.ParseDuration`, to millisecond precision, with its error words. */
function parseGoDuration(text: string, spec: string): number {
  const fail = (why: string): never => {
    throw new ParseError(`failed to parse duration ${spec}: time: ${why}`)
  }
  const quoted = JSON.stringify(text)
  let rest = text
  let sign = 1
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1
    rest = rest.slice(1)
  }
  if (rest === '0') return 0
  if (rest === '') fail(`invalid duration ${quoted}`)
  let total = 0
  while (rest !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(rest)!
    if (num[0] === '' || num[0] === '.') fail(`invalid duration ${quoted}`)
    rest = rest.slice(num[0].length)
    const unit = /^[^\d.]*/.exec(rest)![0]
    if (unit === '') fail(`missing unit in duration ${quoted}`)
    const factor = UNIT_MS[unit]
    if (factor === undefined) fail(`unknown unit ${JSON.stringify(unit)} in duration ${quoted}`)
    total += Number(num[0]) * factor!
    rest = rest.slice(unit.length)
  }
  return sign * Math.floor(total)
}
