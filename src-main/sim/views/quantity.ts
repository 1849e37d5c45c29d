/**
 * `resource.Quantity` as kubectl prints it (`Quantity.String()`): the API server
 * keeps quantities in canonical form, so `0.5` reads `500m`, `1024Mi` reads
 * `1Gi` and `2000` reads `2k`. Values are held exactly, in nano-units.
 */
export type QuantityFormat = 'BinarySI' | 'DecimalSI'

export interface Quantity {
  readonly nano: bigint
  readonly format: QuantityFormat
}

const NANO = 1_000_000_000n
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']
const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
}
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(
  Object.entries(DECIMAL_EXPONENTS).map(([s, e]) => [e, s]),
)

const QUANTITY =
  /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/

export const ZERO: Quantity = { nano: 0n, format: 'DecimalSI' }

/** Parses `128Mi`, `0.5`, `100m`, `1e3`; undefined when it is not a quantity. */
export function parseQuantity(value: string | number | undefined): Quantity | undefined {
  if (value === undefined) return undefined
  const m = QUANTITY.exec(String(value).trim())
  if (!m || (m[2] === '' && !m[3])) return undefined
  const [, sign, whole = '', fraction = '', exponent, suffix = ''] = m
  let decimals = -fraction.length + Number(exponent ?? 0) + 9
  let digits = BigInt(whole + fraction || '0')
  const binary = BINARY.indexOf(suffix)
  if (binary > 0) digits *= 1024n ** BigInt(binary)
  else decimals += DECIMAL_EXPONENTS[suffix] ?? 0
  // Anything finer than a nano-unit rounds up, as Quantity does.
  let nano =
    decimals >= 0 ? digits * 10n ** BigInt(decimals) : ceilDiv(digits, 10n ** BigInt(-decimals))
  if (sign === '-') nano = -nano
  return { nano, format: binary > 0 ? 'BinarySI' : 'DecimalSI' }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b
}

/** The canonical text, as `Quantity.String()` gives it. */
export function quantityString(q: Quantity): string {
  if (q.nano === 0n) return '0'
  const abs = q.nano < 0n ? -q.nano : q.nano
  const sign = q.nano < 0n ? '-' : ''
  // Binary quantities under 1Ki, or with a fraction of a unit, print in decimal.
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    const units = abs / NANO
    for (let i = BINARY.length - 1; i >= 1; i--) {
      const step = 1024n ** BigInt(i)
      if (units % step === 0n) return `${sign}${units / step}${BINARY[i]}`
    }
    return `${sign}${units}`
  }
  for (let e = 18; e >= -9; e -= 3) {
    const step = 10n ** BigInt(e + 9)
    if (abs % step === 0n) return `${sign}${abs / step}${DECIMAL_SUFFIX[e]}`
  }
  return `${sign}${abs}n`
}

/** The canonical text of a quantity as written in a manifest; the text itself when it does not parse. */
export function canonicalQuantity(value: string | number): string {
  const q = parseQuantity(value)
  return q ? quantityString(q) : String(value)
}

/** `Quantity.Add`: the sum keeps the format of the first. */
export function addQuantities(a: Quantity | undefined, b: Quantity): Quantity {
  return a ? { nano: a.nano + b.nano, format: a.format } : b
}

/** `MilliValue()`, rounded up as Go does. */
export function milliValue(q: Quantity | undefined): number {
  return q ? Number(ceilDiv(q.nano, 1_000_000n)) : 0
}

/** `Value()`, rounded up as Go does. */
export function unitValue(q: Quantity | undefined): number {
  return q ? Number(ceilDiv(q.nano, NANO)) : 0
}
