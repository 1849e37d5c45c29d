import type { Manifest } from '../manifest/types'
import { groupOf } from '../app/tracking'

/**
 * An app's `ignoreDifferences` entry, as Argo CD's Application spec writes it:
 * which objects (group and kind, optionally name and namespace) and which of
 * their fields a diff leaves out, as JSON pointers (`/spec/replicas`).
 */
export interface IgnoreDifference {
  group?: string
  kind: string
  name?: string
  namespace?: string
  jsonPointers: string[]
}

function applies(rule: IgnoreDifference, obj: Manifest): boolean {
  return (
    rule.kind === obj.kind &&
    (rule.group ?? '') === groupOf(obj.apiVersion) &&
    (rule.name === undefined || rule.name === obj.metadata.name) &&
    (rule.namespace === undefined || rule.namespace === obj.metadata.namespace)
  )
}

/** RFC 6901: `/a~1b/0` is the key `a/b`, then item 0. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function without(value: unknown, tokens: readonly string[]): unknown {
  if (tokens.length === 0 || value === null || typeof value !== 'object') return value
  const [head, ...rest] = tokens as [string, ...string[]]
  if (Array.isArray(value)) {
    const i = Number(head)
    if (!Number.isInteger(i) || i < 0 || i >= value.length) return value
    if (rest.length === 0) return value.filter((_, j) => j !== i)
    return value.map((item, j) => (j === i ? without(item, rest) : item))
  }
  const record = value as Record<string, unknown>
  if (!(head in record)) return value
  const copy = { ...record }
  if (rest.length === 0) delete copy[head]
  else copy[head] = without(record[head], rest)
  return copy
}

/** The object with the fields the app's rules ignore taken out; the object itself is not changed. */
export function withoutIgnored(obj: Manifest, rules: readonly IgnoreDifference[]): Manifest {
  let out: unknown = obj
  for (const rule of rules) {
    if (!applies(rule, obj)) continue
    for (const pointer of rule.jsonPointers) {
      const tokens = parsePointer(pointer)
      if (tokens && tokens.length > 0) out = without(out, tokens)
    }
  }
  return out as Manifest
}
