import { stringify } from 'yaml'
import type { KubeObject } from '../../api/meta'

export type ObjectFormat = 'yaml' | 'json'

/**
 * `kubectl get -o yaml|json`: the object itself when one was asked for by name,
 * else a `List` of them, keys in alphabetical order as kubectl's printers give
 * them (Go marshals maps sorted). JSON is indented by four spaces with `<`, `>`
 * and `&` escaped, as Go's encoder does; YAML is block style with sequences at
 * their key's indentation, and strings quoted when YAML 1.1 would read them as
 * something else (`"true"`, `"80"`, `"yes"`), as go-yaml writes them.
 */
export function printObjects(
  objects: readonly KubeObject[],
  single: boolean,
  format: ObjectFormat,
): string {
  const value =
    single && objects.length === 1
      ? objects[0]!
      : { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }
  if (format === 'json')
    return `${JSON.stringify(sorted(value), null, 4).replace(/[<>&]/g, escapeForHtml)}\n`
  return stringify(sorted(value), {
    schema: 'yaml-1.1',
    indentSeq: false,
    lineWidth: 0,
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    singleQuote: false,
  })
}

/** A copy with every mapping's keys in code-point order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = sorted(v)
  }
  return out
}

const escapeForHtml = (c: string): string => `\\u00${c.charCodeAt(0).toString(16)}`
