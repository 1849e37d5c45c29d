/** Structural equality of JSON-like values, ignoring key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    if (a.length !== bb.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false
    return true
  }
  // Keys are counted, not listed: every status write compares a whole status this way.
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  let defined = 0
  for (const k in ao) {
    const value = ao[k]
    if (value === undefined) continue
    defined++
    if (!deepEqual(value, bo[k])) return false
  }
  for (const k in bo) if (bo[k] !== undefined && --defined < 0) return false
  return defined === 0
}

/** Freezes a freshly cloned object graph, so a caller that mutates what the store returned fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
