import type { KubeObject } from '../../api/meta'
import { ageSince } from '../age'
import { fromRfc3339 } from '../../kernel/time'
import { formatLabels } from '../format'

/**
 * The server-side table a `kubectl get` shows (`metav1.Table`): column
 * definitions, and for each object a row of cells. As the API server does
 * (`printerstorage.TableConvertor` generates with `Wide: true`), a printer always
 * fills every column; the client drops the priority-1 columns unless `-o wide`.
 */
export type Cell = string | number | boolean | null | undefined

export interface Column {
  readonly name: string
  /** 1: only with `-o wide`. */
  readonly priority?: number
  /** `name` marks the column `kind/` is put in front of when several kinds print. */
  readonly format?: 'name'
}

export interface PrintContext {
  readonly nowMs: number
}

export interface TablePrinter<T extends KubeObject = KubeObject> {
  readonly columns: readonly Column[]
  row(obj: T, ctx: PrintContext): Cell[]
}

/** Declares a printer against the loose shape it reads; the registry holds them untyped. */
export function printer<T extends KubeObject>(
  columns: readonly Column[],
  row: (obj: T, ctx: PrintContext) => Cell[],
): TablePrinter {
  return { columns, row: row as (obj: KubeObject, ctx: PrintContext) => Cell[] }
}

export const NAME: Column = { name: 'Name', format: 'name' }
export const AGE: Column = { name: 'Age' }

/** `translateTimestampSince(obj.CreationTimestamp)`. */
export function age(obj: KubeObject, ctx: PrintContext): string {
  return since(obj.metadata.creationTimestamp, ctx)
}

/** `translateTimestampSince`: `<unknown>` for an unset time. */
export function since(timestamp: string | undefined, ctx: PrintContext): string {
  return ageSince(timestamp ? fromRfc3339(timestamp) : undefined, ctx.nowMs)
}

export interface TableOptions {
  readonly wide?: boolean
  /** `-A`: a NAMESPACE column first. */
  readonly withNamespace?: boolean
  /** `--show-labels`: a LABELS column last. */
  readonly showLabels?: boolean
  /** `pod`, `deployment.apps`: put before names when several kinds print together. */
  readonly kindPrefix?: string
}

/** How `fmt.Fprint` writes a cell; a nil cell is empty. */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  const text = String(cell)
  // The table printer cuts a cell at its first line break and marks the cut.
  const cut = text.search(/[\f\n\r]/)
  return cut < 0 ? text : `${text.slice(0, cut)}...`
}

/**
 * Header and rows as `printers.TablePrinter` writes them after `decorateTable`:
 * upper-case headers, the columns the options ask for, cells as text.
 */
export function tableRows(
  p: TablePrinter,
  objects: readonly KubeObject[],
  ctx: PrintContext,
  options: TableOptions = {},
): { header: string[]; rows: string[][] } {
  const shown = p.columns.map((c) => options.wide || !c.priority)
  const nameColumn = options.kindPrefix ? p.columns.findIndex((c) => c.format === 'name') : -1
  const header = p.columns.filter((_, i) => shown[i]).map((c) => c.name.toUpperCase())
  if (options.withNamespace) header.unshift('NAMESPACE')
  if (options.showLabels) header.push('LABELS')
  const rows = objects.map((obj) => {
    const cells = p.row(obj, ctx)
    if (nameColumn >= 0) cells[nameColumn] = `${options.kindPrefix}/${String(cells[nameColumn])}`
    const row = cells.filter((_, i) => i < shown.length && shown[i]).map(cellText)
    if (options.withNamespace) row.unshift(obj.metadata.namespace ?? '')
    if (options.showLabels) row.push(formatLabels(obj.metadata.labels))
    return row
  })
  return { header, rows }
}

/** `layoutContainerCells`: container names and images, comma-separated. */
export function containerCells(
  containers: readonly { name: string; image: string }[] | undefined,
): [string, string] {
  const list = containers ?? []
  return [list.map((c) => c.name).join(','), list.map((c) => c.image).join(',')]
}
