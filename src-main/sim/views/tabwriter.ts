/**
 * Go's `text/tabwriter`, which lays out everything kubectl prints in columns.
 * Text is cut into lines and each line into tab-terminated cells; the text after a
 * line's last tab is not part of any column. A column is as wide as its widest cell
 * plus the padding, but only across a *block*: a run of consecutive lines that all
 * have a cell in that column. A line with fewer cells ends the block, which is why
 * `kubectl describe` realigns after every `Containers:` or `Conditions:` heading.
 */
export interface TabwriterOptions {
  /** Minimal cell width, padding included. */
  readonly minWidth: number
  /** Spaces added to the widest cell of a column. */
  readonly padding: number
}

/** `printers.GetNewTabWriter`: the tables of `kubectl get`. */
export const GET_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 }

/** `describe.tabbedString` (and `rollout history`): `tabwriter.Writer.Init(buf, 0, 8, 2, ' ', 0)`. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 }

/** Go counts a cell's width in runes, not UTF-16 units. */
function runeWidth(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** Formats `text` as one `Flush` of a tabwriter would. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const lines = text.split('\n').map((line) => line.split('\t'))
  const widths: number[] = []
  const out: string[] = []

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i]!
      let text = ''
      cells.forEach((cell, j) => {
        text += cell
        if (j < widths.length) text += ' '.repeat(widths[j]! - runeWidth(cell))
      })
      out.push(text)
    }
  }

  const format = (line0: number, line1: number): void => {
    const column = widths.length
    for (let at = line0; at < line1; at++) {
      if (column >= lines[at]!.length - 1) continue
      // A cell in this column begins a block: print what precedes it, then size the block.
      writeLines(line0, at)
      line0 = at
      let width = options.minWidth
      for (; at < line1; at++) {
        const cells = lines[at]!
        if (column >= cells.length - 1) break
        width = Math.max(width, runeWidth(cells[column]!) + options.padding)
      }
      widths.push(width)
      format(line0, at)
      widths.pop()
      line0 = at
    }
    writeLines(line0, line1)
  }

  format(0, lines.length)
  return out.join('\n')
}
