import { GET_TABWRITER, tabwrite } from './tabwriter'

/**
 * Rows laid out as `kubectl get` lays them out (`printers.GetNewTabWriter`: each
 * column as wide as its widest cell plus three spaces, at least six; the last
 * column unpadded), as lines joined by newlines, without a final one.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const text = [header, ...rows].map((row) => row.join('\t')).join('\n')
  return tabwrite(text, GET_TABWRITER)
}
