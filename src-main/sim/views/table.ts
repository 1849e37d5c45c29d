/**
 * Columns laid out the way kubectl's tabwriter lays them out
 * (`tabwriter.NewWriter(out, 10, 4, 3, ' ', 0)`): each column as wide as its widest
 * cell plus three spaces, at least ten; the last column is not padded.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows]
  const widths = header.map((_, col) => Math.max(10, ...all.map((r) => (r[col] ?? '').length + 3)))
  return all
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!)))
        .join('')
        .trimEnd(),
    )
    .join('\n')
}
