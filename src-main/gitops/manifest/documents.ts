/**
 * One document of a manifest file as a parser found it, before it is judged as a
 * Kubernetes object: its value, or why it could not be read.
 */
export interface RawDocument {
  /** Which document of the file it is, from 0. */
  document: number
  /** The line its content starts on (1-based). */
  line: number
  value?: unknown
  /** Set when the document does not parse; `value` is then absent. */
  error?: { line: number; column?: number; message: string }
  /** For a list (`kind: List`), the line each of its `items` starts on. */
  itemLines?: number[]
}

/** Whether a value is a list of objects as kubectl reads one: `kind: List`, `*List` with `items`. */
export function isList(value: unknown): value is { kind: string; items: unknown[] } {
  if (typeof value !== 'object' || value === null) return false
  const obj = value as Record<string, unknown>
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)
}

/** 1-based line of each character offset, by binary search over the line starts. */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      this.starts.push(i + 1)
  }

  lineOf(offset: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }

  columnOf(offset: number): number {
    return offset - this.starts[this.lineOf(offset) - 1]! + 1
  }
}
