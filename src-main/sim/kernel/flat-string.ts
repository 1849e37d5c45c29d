/**
 * A string joined from parts (`${a}.${b}`) is kept by V8 as a tree of its parts,
 * each alive for as long as the whole: some 100 bytes more than its characters
 * for an event name or message, of which the store holds hundreds of thousands.
 * This copies the characters into one flat string.
 */
export function flatString(text: string): string {
  const n = text.length
  // Short strings are flat already (V8 joins those below 13 characters by copying).
  if (n < 13) return text
  if (n <= SCRATCH_MAX) {
    const codes = codeScratch(n)
    for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i)
    return stringOfCodes(codes)
  }
  const codes = new Array<number>(n)
  for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i)
  // Past a few thousand arguments a spread call may overflow the stack.
  const parts: string[] = []
  for (let at = 0; at < n; at += CHUNK)
    parts.push(String.fromCharCode(...codes.slice(at, at + CHUNK)))
  return parts.join('')
}

/** The longest text built in a reused array; longer ones are rare and get their own. */
const SCRATCH_MAX = 256

/** Arrays of each length up to SCRATCH_MAX, filled and read at once, never kept. */
const scratchByLength: number[][] = []

/**
 * An array of exactly `length` char codes to fill and pass to `stringOfCodes`
 * straight away: one per length, reused, so building a flat string allocates
 * only the string (uids, names and messages are built by the hundred thousand).
 */
export function codeScratch(length: number): number[] {
  return (scratchByLength[length] ??= new Array<number>(length).fill(0))
}

/** The string of the char codes in `codes` (at most a few thousand). */
export function stringOfCodes(codes: readonly number[]): string {
  return String.fromCharCode.apply(null, codes as number[])
}

const CHUNK = 4096

/**
 * Flat copies of recent strings, shared: the same message recorded for many
 * objects (`Started container nginx`) is stored once. Bounded, so a stream of
 * distinct texts costs no more than a flat copy each.
 */
export class StringPool {
  private readonly pool = new Map<string, string>()

  constructor(private readonly capacity = 4096) {}

  get(text: string): string {
    let found = this.pool.get(text)
    if (found === undefined) {
      if (this.pool.size >= this.capacity) this.pool.clear()
      found = flatString(text)
      this.pool.set(found, found)
    }
    return found
  }
}
