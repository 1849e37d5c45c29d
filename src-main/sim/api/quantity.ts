/**
 * Resource quantities (`100m`, `0.5`, `128Mi`, `1G`) as Kubernetes writes them,
 * converted to plain numbers: CPU in millicores, everything else in base units.
 */
const binarySuffixes: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}
const decimalSuffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}

const QUANTITY =
  /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/

/** Quantities repeat (every replica asks for `100m`): parse each text once. */
const parsed = new Map<string, number>()

/** The value of a quantity in base units; throws with the API server's wording when malformed. */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') return value
  const cached = parsed.get(value)
  if (cached !== undefined) return cached
  const result = parseUncached(value)
  if (parsed.size < 10_000) parsed.set(value, result)
  return result
}

function parseUncached(value: string): number {
  const m = QUANTITY.exec(value.trim())
  if (!m) {
    throw new Error(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    )
  }
  const [, digits, exponent, suffix = ''] = m
  const base = Number(digits) * (exponent ? 10 ** Number(exponent) : 1)
  return base * (binarySuffixes[suffix] ?? decimalSuffixes[suffix] ?? 1)
}

/** CPU quantity in millicores (`250m` → 250, `1` → 1000). */
export function cpuMillis(value: string | number | undefined): number {
  if (value === undefined) return 0
  return Math.round(parseQuantity(value) * 1000)
}

/** Memory (or any byte quantity) in bytes. */
export function bytes(value: string | number | undefined): number {
  if (value === undefined) return 0
  return Math.round(parseQuantity(value))
}
