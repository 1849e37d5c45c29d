import type { KubeObject } from '../../api/meta'
import { goValue } from '../format'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { type PrefixWriter, tabbed } from './prefix-writer'

type CharClass = 'lower' | 'upper' | 'digit' | 'other'

function charClass(c: string): CharClass {
  if (c !== c.toUpperCase()) return 'lower'
  if (c !== c.toLowerCase()) return 'upper'
  if (c >= '0' && c <= '9') return 'digit'
  return 'other'
}

/** `camelcase.Split`: runs of one character class; `PDFLoader` → `PDF`, `Loader`. */
export function splitCamelCase(text: string): string[] {
  const runs: string[][] = []
  let last: CharClass | undefined
  for (const c of text) {
    const cls = charClass(c)
    if (cls === last) runs[runs.length - 1]!.push(c)
    else runs.push([c])
    last = cls
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (charClass(runs[i]![0]!) === 'upper' && charClass(runs[i + 1]![0]!) === 'lower') {
      runs[i + 1]!.unshift(runs[i]!.pop()!)
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''))
}

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID'])

/** `smartLabelFor`: `apiVersion` → `API Version`; fields with other than letters and `-` stay as they are. */
export function smartLabel(field: string): string {
  if ([...field].some((c) => c !== '-' && charClass(c) !== 'lower' && charClass(c) !== 'upper'))
    return field
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) =>
      ACRONYMS.has(part.toUpperCase())
        ? part.toUpperCase()
        : part[0]!.toUpperCase() + part.slice(1),
    )
    .join(' ')
}

const SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
])

/** `printUnstructuredContent`: fields by name, maps and lists as nested sections. */
function printContent(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field]
    if (value === undefined) continue
    const path = `${prefix}.${field}`
    if (SKIP.has(path)) continue
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`)
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child))
          printContent(w, level + 1, child as Record<string, unknown>, path)
        else w.write(level + 1, `${goValue(child)}\n`)
      }
    } else if (value !== null && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`)
      printContent(w, level + 1, value as Record<string, unknown>, path)
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`)
    }
  }
}

/** `genericDescriber`: for kinds kubectl has no describer for (custom resources, events, revisions…). */
export function describeGeneric(obj: KubeObject, ctx: DescribeContext): string {
  const events = searchEvents(ctx, obj)
  return tabbed((w) => {
    w.write(0, `Name:\t${obj.metadata.name}\n`)
    w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', obj.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations)
    printContent(w, 0, JSON.parse(JSON.stringify(obj)) as Record<string, unknown>, '')
    describeEvents(events, w, ctx)
  })
}
