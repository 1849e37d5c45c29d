/**
 * Virtual timestamps are milliseconds since the Unix epoch. These helpers format
 * them the way the Kubernetes API does (RFC 3339, second precision, UTC) without
 * touching `Date`, which the simulation never uses.
 */

const MS_PER_DAY = 86_400_000

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return { year, month, day }
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = month > 2 ? month - 3 : month + 9
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** What `date` prints in a container (UTC): `Thu Jan  1 00:00:05 UTC 2026`. */
export function formatUnixDate(epochMs: number): string {
  const days = Math.floor(epochMs / MS_PER_DAY)
  const { year, month, day } = civilFromDays(days)
  const text = formatRfc3339(epochMs)
  return `${WEEKDAYS[((days % 7) + 7) % 7]} ${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${text.slice(11, 19)} UTC ${year}`
}

/** Texts of recent seconds: pods started in one second share one `startTime` string. */
const formatted = new Map<number, string>()
const MAX_FORMATTED = 4096

/** `2026-01-01T00:00:00Z`. Formatted once per second of virtual time, then shared. */
export function toRfc3339(epochMs: number): string {
  const second = Math.floor(epochMs / 1000)
  let text = formatted.get(second)
  if (text === undefined) {
    if (formatted.size >= MAX_FORMATTED) formatted.clear()
    text = formatRfc3339(epochMs)
    formatted.set(second, text)
  }
  return text
}

function formatRfc3339(epochMs: number): string {
  const days = Math.floor(epochMs / MS_PER_DAY)
  const msOfDay = epochMs - days * MS_PER_DAY
  const { year, month, day } = civilFromDays(days)
  const totalSeconds = Math.floor(msOfDay / 1000)
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const s = totalSeconds % 60
  // One flat string: a template literal would keep a node per join for as long as an object holds it.
  const codes = [
    ...digits(year, 4),
    45,
    ...digits(month, 2),
    45,
    ...digits(day, 2),
    84,
    ...digits(h, 2),
    58,
    ...digits(m, 2),
    58,
    ...digits(s, 2),
    90,
  ]
  return String.fromCharCode(...codes)
}

/** The decimal digits of `n`, zero-padded to `width`, as char codes. */
function digits(n: number, width: number): number[] {
  const out = new Array<number>(width)
  for (let i = width - 1; i >= 0; i--) {
    out[i] = 48 + (n % 10)
    n = Math.floor(n / 10)
  }
  return out
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/

/** Times of recent texts: the same few are read again and again (conditions, creation times). */
const parsed = new Map<string, number>()

/** The inverse of `toRfc3339`; also accepts fractions and offsets. NaN when malformed. */
export function fromRfc3339(text: string): number {
  let ms = parsed.get(text)
  if (ms === undefined) {
    if (parsed.size >= MAX_FORMATTED) parsed.clear()
    ms = parseRfc3339(text)
    parsed.set(text, ms)
  }
  return ms
}

function parseRfc3339(text: string): number {
  const m = RFC3339.exec(text)
  if (!m) return Number.NaN
  const [, y, mo, d, h, mi, s, frac, zone] = m
  let ms =
    daysFromCivil(Number(y), Number(mo), Number(d)) * MS_PER_DAY +
    (Number(h) * 3600 + Number(mi) * 60 + Number(s)) * 1000
  if (frac) ms += Math.floor(Number(`0.${frac}`) * 1000)
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1
    const [zh, zm] = zone.slice(1).split(':')
    ms -= sign * (Number(zh) * 3600 + Number(zm) * 60) * 1000
  }
  return ms
}

const TWO_20 = 2 ** 20

/**
 * `epochMs × 10⁶ + extraNanos` in hexadecimal, as client-go writes the time in
 * an event's name, without BigInt (whose every step allocates): the product
 * passes 2⁵³, so it is worked out in two parts of which the low one holds 20 bits.
 */
export function hexNanos(epochMs: number, extraNanos: number): string {
  const high = Math.floor(epochMs / TWO_20)
  const low = (epochMs - high * TWO_20) * 1_000_000 + extraNanos
  const carry = Math.floor(low / TWO_20)
  const top = high * 1_000_000 + carry
  const rest = (low - carry * TWO_20).toString(16)
  return top === 0 ? rest : top.toString(16) + rest.padStart(5, '0')
}
