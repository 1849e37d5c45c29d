/** Edits beyond this many lines fall back to a conflict: the merge stays cheap and never guesses. */
const EDIT_DISTANCE_MAX = 2000
/** Git's test for binary content: a NUL byte in the first 8,000 bytes. */
const BINARY_PROBE_BYTES = 8000

/** Base lines `[start, end)` replaced by `lines`. */
interface Hunk {
  start: number
  end: number
  lines: string[]
  /**
   * How far the hunk could slide through repeated lines and mean the same
   * edit (`[lo, hi]` in base lines). Where it is placed is a choice git's
   * diff may make differently, so anything the other side changes in that
   * span is treated as a conflict.
   */
  lo: number
  hi: number
}

/**
 * A three-way merge of text by lines, as git merges a file that both sides
 * changed: the changes of `ours` and `theirs` against `base` are combined when
 * they touch different lines; changes that overlap or are adjacent conflict,
 * unless both sides made the same change. Undefined on conflict, for binary
 * content, or when the edits are too large to align.
 */
export function mergeLines(base: Buffer, ours: Buffer, theirs: Buffer): Buffer | undefined {
  if ([base, ours, theirs].some(isBinary)) return undefined
  const [b, o, t] = [base, ours, theirs].map((x) => splitLines(x.toString('utf8'))) as [
    string[],
    string[],
    string[],
  ]
  // Repeated lines let an edit be aligned in more than one way, and git's diff
  // may pick another than ours. The merge must come out the same whichever
  // way each side is aligned (first or last possible place), or it conflicts.
  const mine = [diffLines(b, o), reversedDiff(b, o)]
  const other = [diffLines(b, t), reversedDiff(b, t)]
  let result: string | undefined
  for (const x of mine) {
    for (const y of other) {
      if (!x || !y) return undefined
      const merged = combine(b, x, y)
      if (merged === undefined || (result !== undefined && merged !== result)) return undefined
      result = merged
    }
  }
  return result === undefined ? undefined : Buffer.from(result, 'utf8')
}

/** Applies both sides' hunks to the base, or undefined when two of them overlap or touch. */
function combine(b: string[], mine: Hunk[], other: Hunk[]): string | undefined {
  const out: string[] = []
  let at = 0
  let i = 0
  let j = 0
  while (i < mine.length || j < other.length) {
    const x = mine[i]
    const y = other[j]
    let hunk: Hunk
    if (x && y && x.lo <= y.hi && y.lo <= x.hi) {
      // Overlapping or touching: clean only when both made the very same change.
      if (x.start !== y.start || x.end !== y.end || x.lines.join('') !== y.lines.join(''))
        return undefined
      hunk = x
      i++
      j++
    } else if (x && (!y || x.start < y.start)) {
      hunk = x
      i++
    } else {
      hunk = y!
      j++
    }
    out.push(...b.slice(at, hunk.start), ...hunk.lines)
    at = hunk.end
  }
  out.push(...b.slice(at))
  return out.join('')
}

/** The same edit aligned from the end: Myers on the reversed lines, mapped back. */
function reversedDiff(a: string[], b: string[]): Hunk[] | undefined {
  const ra = [...a].reverse()
  const hunks = diffLines(ra, [...b].reverse())
  if (!hunks) return undefined
  return hunks
    .map((h) => slideRange(a, a.length - h.end, a.length - h.start, [...h.lines].reverse()))
    .reverse()
}

function isBinary(data: Buffer): boolean {
  return data.subarray(0, BINARY_PROBE_BYTES).includes(0)
}

/** Lines with their line ends, so a missing final newline is a difference, as in git. */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/)
  return lines.length === 1 && lines[0] === '' ? [] : lines
}

/**
 * The hunks turning `a` into `b`, from Myers' O(ND) shortest edit script
 * after the common head and tail are set aside; undefined past EDIT_DISTANCE_MAX.
 */
function diffLines(a: string[], b: string[]): Hunk[] | undefined {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const x0 = a.slice(head, a.length - tail)
  const y0 = b.slice(head, b.length - tail)
  const matches = myersMatches(x0, y0)
  if (!matches) return undefined
  const hunks: Hunk[] = []
  let ai = 0
  let bi = 0
  for (const [ma, mb] of [...matches, [x0.length, y0.length] as [number, number]]) {
    if (ma > ai || mb > bi) hunks.push(slideRange(a, head + ai, head + ma, y0.slice(bi, mb)))
    ai = ma + 1
    bi = mb + 1
  }
  return hunks
}

/** A hunk with the span a pure insertion or deletion could slide over in `a`. */
function slideRange(a: string[], start: number, end: number, lines: string[]): Hunk {
  let lo = start
  let hi = end
  if (start === end && lines.length > 0) {
    const n = lines.length
    for (let k = 0; start + k < a.length && a[start + k] === lines[k % n]; k++) hi = start + k + 1
    for (let k = 0; start - 1 - k >= 0 && a[start - 1 - k] === lines[(n - 1 - (k % n)) % n]; k++)
      lo = start - 1 - k
  } else if (lines.length === 0) {
    for (let k = 0; end + k < a.length && a[end + k] === a[start + k]; k++) hi = end + k + 1
    for (let k = 0; start - 1 - k >= 0 && a[start - 1 - k] === a[end - 1 - k]; k++)
      lo = start - 1 - k
  }
  return { start, end, lines, lo, hi }
}

/** Pairs (index in a, index in b) of equal lines along a shortest edit script. */
function myersMatches(a: string[], b: string[]): [number, number][] | undefined {
  const n = a.length
  const m = b.length
  if (n === 0 || m === 0) return []
  // trace[d][k + d + 1] is the furthest x reached on diagonal k after d edits.
  const trace: Int32Array[] = []
  let previous = new Int32Array(3)
  for (let d = 0; d <= Math.min(n + m, EDIT_DISTANCE_MAX); d++) {
    const v = new Int32Array(2 * d + 3)
    const get = (k: number): number => (k >= -d + 1 && k <= d - 1 ? previous[k + d]! : -1)
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? get(k + 1) : get(k - 1) + 1
      if (d === 0) x = 0
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[k + d + 1] = x
      if (x >= n && y >= m) {
        trace.push(v)
        return backtrack(trace, a, b)
      }
    }
    trace.push(v)
    previous = v
  }
  return undefined
}

function backtrack(trace: Int32Array[], a: string[], b: string[]): [number, number][] {
  const matches: [number, number][] = []
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0; d--) {
    const k = x - y
    const at = (dd: number, kk: number): number =>
      kk >= -dd && kk <= dd ? trace[dd]![kk + dd + 1]! : -1
    let prevK = k
    if (d > 0) prevK = k === -d || (k !== d && at(d - 1, k - 1) < at(d - 1, k + 1)) ? k + 1 : k - 1
    const prevX = d > 0 ? at(d - 1, prevK) : 0
    const prevY = prevX - prevK
    const startX = d > 0 ? (prevK === k + 1 ? prevX : prevX + 1) : 0
    while (x > startX && y > startX - k) {
      x--
      y--
      matches.push([x, y])
    }
    x = prevX
    y = prevY
  }
  return matches.reverse()
}
