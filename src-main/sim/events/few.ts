/**
 * A short list kept as the value itself while it holds one: the event
 * correlator keeps a few messages and events per object for hundreds of
 * thousands of objects, nearly all with a single entry, where an array would
 * cost some 60 bytes more. Values are never arrays themselves.
 */
export type Few<T> = T | T[] | undefined

export function fewSize<T>(few: Few<T>): number {
  return few === undefined ? 0 : Array.isArray(few) ? few.length : 1
}

export function fewIncludes<T>(few: Few<T>, value: T): boolean {
  return Array.isArray(few) ? few.includes(value) : few !== undefined && few === value
}

export function fewAdd<T>(few: Few<T>, value: T): Few<T> {
  if (few === undefined) return value
  // A copy of the exact size (`concat`): `push` and spreading reserve room for 16 more entries.
  return Array.isArray(few) ? few.concat([value]) : [few, value]
}

export function fewRemove<T>(few: Few<T>, value: T): Few<T> {
  if (!Array.isArray(few)) return few === value ? undefined : few
  const at = few.indexOf(value)
  if (at >= 0) few.splice(at, 1)
  return few.length === 0 ? undefined : few.length === 1 ? few[0] : few
}

/** The oldest entry dropped. */
export function fewShift<T>(few: Few<T>): Few<T> {
  if (!Array.isArray(few)) return undefined
  few.shift()
  return few.length === 1 ? few[0] : few
}

export function fewValues<T>(few: Few<T>): readonly T[] {
  return few === undefined ? [] : Array.isArray(few) ? few : [few]
}
