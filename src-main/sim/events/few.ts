/**
 * A short list of strings kept as the string itself while it holds one: the
 * event correlator keeps a few per object for hundreds of thousands of objects,
 * nearly all with a single entry, where an array would cost some 60 bytes more.
 */
export type Few = string | string[] | undefined

export function fewSize(few: Few): number {
  return few === undefined ? 0 : typeof few === 'string' ? 1 : few.length
}

export function fewIncludes(few: Few, value: string): boolean {
  return typeof few === 'string' ? few === value : few !== undefined && few.includes(value)
}

export function fewAdd(few: Few, value: string): Few {
  if (few === undefined) return value
  // A copy of the exact size (`concat`): `push` and spreading reserve room for 16 more entries.
  return typeof few === 'string' ? [few, value] : few.concat(value)
}

export function fewRemove(few: Few, value: string): Few {
  if (typeof few === 'string' || few === undefined) return few === value ? undefined : few
  const at = few.indexOf(value)
  if (at >= 0) few.splice(at, 1)
  return few.length === 0 ? undefined : few.length === 1 ? few[0] : few
}

/** The oldest entry dropped. */
export function fewShift(few: Few): Few {
  if (typeof few === 'string' || few === undefined) return undefined
  few.shift()
  return few.length === 1 ? few[0] : few
}

export function fewValues(few: Few): readonly string[] {
  return few === undefined ? [] : typeof few === 'string' ? [few] : few
}
