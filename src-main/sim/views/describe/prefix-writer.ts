import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter'

/**
 * `describe.PrefixWriter` over `tabbedString`'s tabwriter: `write(level, text)`
 * indents by two spaces a level. `flush()` is the tabwriter's Flush, which
 * `DescribeEvents` calls so the events table lines up on its own.
 */
export class PrefixWriter {
  private readonly flushed: string[] = []
  private pending = ''

  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text
  }

  /** `WriteLine`: the text and a newline, unindented. */
  line(text = ''): void {
    this.pending += `${text}\n`
  }

  flush(): void {
    this.flushed.push(tabwrite(this.pending, DESCRIBE_TABWRITER))
    this.pending = ''
  }

  toString(): string {
    this.flush()
    return this.flushed.join('')
  }
}

/** `tabbedString`: runs a describer body and returns its aligned text. */
export function tabbed(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter()
  body(w)
  return w.toString()
}
