import type { KubeObject } from '../../api/meta'
import { fromRfc3339 } from '../../kernel/time'
import { ageSince } from '../age'
import { goValue } from '../format'
import { findResults, parseJsonPath } from '../jsonpath'
import { type Cell, type Column, type TablePrinter, NAME, age } from './printer'

/** A CRD version's `additionalPrinterColumns` entry. */
export interface PrinterColumn {
  name: string
  type: string
  jsonPath: string
  priority?: number
  format?: string
}

export interface CrdShape extends KubeObject {
  spec: {
    group: string
    scope?: string
    names: { kind: string; plural: string; singular?: string; shortNames?: string[] }
    versions?: {
      name: string
      served?: boolean
      storage?: boolean
      additionalPrinterColumns?: PrinterColumn[]
    }[]
  }
  status?: { conditions?: { type: string; status: string }[] }
}

/** `serveDefaultColumnsIfEmpty`: without printer columns a custom resource shows its age. */
const DEFAULT_COLUMNS: PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
]

/** `cellForJSONValue`: a value of the wrong type prints nothing. */
function typedCell(type: string, value: unknown, nowMs: number): Cell {
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : undefined
    case 'number':
      return typeof value === 'number' ? value : undefined
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined
    case 'date': {
      if (typeof value !== 'string') return undefined
      const ms = fromRfc3339(value)
      return Number.isNaN(ms) ? '<invalid>' : ageSince(ms, nowMs)
    }
    default:
      return undefined
  }
}

/**
 * The table the apiextensions server builds for a custom resource
 * (`tableconvertor`): NAME, then the version's printer columns. A `string`
 * column prints whatever the path finds; the other types only their own.
 */
export function customResourcePrinter(columns: readonly PrinterColumn[] | undefined): TablePrinter {
  const defs = columns && columns.length > 0 ? columns : DEFAULT_COLUMNS
  const paths = defs.map((c) => parseJsonPath(c.jsonPath))
  return {
    columns: [NAME, ...defs.map((c): Column => ({ name: c.name, priority: c.priority ?? 0 }))],
    row(obj, ctx) {
      const cells: Cell[] = [obj.metadata.name]
      defs.forEach((column, i) => {
        const steps = paths[i]
        const value = steps ? findResults(obj, steps)[0] : undefined
        if (value === undefined || value === null) cells.push(undefined)
        else if (column.type === 'string')
          cells.push(typeof value === 'string' ? value : goValue(value))
        else cells.push(typedCell(column.type, value, ctx.nowMs))
      })
      return cells
    },
  }
}

/** The printer columns of the version the CRD stores (the one `kubectl get` asks for). */
export function crdColumns(crd: CrdShape): PrinterColumn[] | undefined {
  const versions = crd.spec.versions ?? []
  const preferred = versions.find((v) => v.storage) ?? versions.find((v) => v.served) ?? versions[0]
  return preferred?.additionalPrinterColumns
}

/** `kubectl get crd`: the default table of the API server, NAME and CREATED AT. */
export const defaultPrinter: TablePrinter = {
  columns: [NAME, { name: 'Created At' }],
  row: (obj) => [obj.metadata.name, obj.metadata.creationTimestamp ?? '0001-01-01T00:00:00Z'],
}

/** A custom resource without a CRD to read columns from. */
export const ageOnlyPrinter: TablePrinter = {
  columns: [NAME, { name: 'Age' }],
  row: (obj, ctx) => [obj.metadata.name, age(obj, ctx)],
}
