import type { KubeObject } from '../api/meta'
import { SelectorError } from './label-requirement'

/**
 * Field selectors as `k8s.io/apimachinery/pkg/fields` parses them and as each
 * kind's field-label conversion (`pkg/apis/core/v1/conversion.go`) and
 * `GetAttrs` / `ToSelectableFields` answer them.
 */
export type FieldOperator = '=' | '==' | '!='

export interface FieldRequirement {
  readonly field: string
  readonly operator: FieldOperator
  readonly value: string
}

export interface FieldSelector {
  matches(obj: KubeObject): boolean
  readonly empty: boolean
  readonly requirements: readonly FieldRequirement[]
  toString(): string
}

/** `splitTerms`: commas split terms unless escaped with a backslash. */
function splitTerms(text: string): string[] {
  if (text.length === 0) return []
  const terms: string[] = []
  let start = 0
  let inSlash = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inSlash) inSlash = false
    else if (c === '\\') inSlash = true
    else if (c === ',') {
      terms.push(text.slice(start, i))
      start = i + 1
    }
  }
  terms.push(text.slice(start))
  return terms
}

const termOperators: FieldOperator[] = ['!=', '==', '=']

/** `splitTerm`: the first operator found splits the term; the left side has no escaping. */
function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) {
        return { field: term.slice(0, i), operator: op, value: term.slice(i + op.length) }
      }
    }
  }
  return undefined
}

/** `UnescapeValue`: `\\`, `\,` and `\=` stand for themselves; a bare `,` or `=` is an error. */
function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value
  let out = ''
  let inSlash = false
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`)
      }
      out += c
      inSlash = false
    } else if (c === '\\') inSlash = true
    else if (c === ',' || c === '=') {
      // Go prints the rune with %v: its code point.
      throw new SelectorError(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0)}`,
      )
    } else out += c
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\')
  return out
}

/** `fields.ParseSelector`: terms sorted as strings, each `field=value`, `field==value` or `field!=value`. */
export function parseFieldRequirements(text: string): FieldRequirement[] {
  const parts = splitTerms(text).sort()
  const requirements: FieldRequirement[] = []
  for (const part of parts) {
    if (part === '') continue
    const term = splitTerm(part)
    if (!term) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`)
    requirements.push({ ...term, value: unescapeValue(term.value) })
  }
  return requirements
}

type FieldGetter = (obj: KubeObject) => string

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v))
const at =
  (...path: string[]): FieldGetter =>
  (obj) => {
    let v: unknown = obj
    for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : ''
    return str(v)
  }
const bool =
  (...path: string[]): FieldGetter =>
  (obj) =>
    at(...path)(obj) === 'true' ? 'true' : 'false'

const metaFields: Record<string, FieldGetter> = {
  'metadata.name': at('metadata', 'name'),
  'metadata.namespace': at('metadata', 'namespace'),
}

/** The selectable fields of the kinds that register a field-label conversion. */
const fieldsByKind: Partial<Record<string, Record<string, FieldGetter>>> = {
  Pod: {
    ...metaFields,
    'spec.nodeName': at('spec', 'nodeName'),
    'spec.restartPolicy': at('spec', 'restartPolicy'),
    'spec.schedulerName': at('spec', 'schedulerName'),
    'spec.serviceAccountName': at('spec', 'serviceAccountName'),
    'spec.hostNetwork': bool('spec', 'hostNetwork'),
    'status.phase': at('status', 'phase'),
    'status.podIP': at('status', 'podIP'),
    'status.podIPs': at('status', 'podIP'),
    'status.nominatedNodeName': at('status', 'nominatedNodeName'),
  },
  Node: {
    'metadata.name': metaFields['metadata.name']!,
    'spec.unschedulable': bool('spec', 'unschedulable'),
  },
  Event: {
    ...metaFields,
    'involvedObject.kind': at('involvedObject', 'kind'),
    'involvedObject.namespace': at('involvedObject', 'namespace'),
    'involvedObject.name': at('involvedObject', 'name'),
    'involvedObject.uid': at('involvedObject', 'uid'),
    'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source', 'component'),
    type: at('type'),
  },
  Namespace: {
    'metadata.name': metaFields['metadata.name']!,
    'status.phase': at('status', 'phase'),
  },
  Secret: { ...metaFields, type: at('type') },
  Service: {
    ...metaFields,
    'spec.clusterIP': at('spec', 'clusterIP'),
    'spec.type': at('spec', 'type'),
  },
  ReplicationController: { ...metaFields, 'status.replicas': at('status', 'replicas') },
}

/** Old clients' names for a field (`spec.host` for pods). */
const aliases: Partial<Record<string, Record<string, string>>> = {
  Pod: { 'spec.host': 'spec.nodeName' },
}

/**
 * `ConvertFieldLabel`: the getter for a field of a kind, or the API server's
 * message for a field it does not support.
 */
function fieldGetter(kind: string, field: string): FieldGetter {
  const table = fieldsByKind[kind]
  if (!table) {
    const getter = metaFields[field]
    if (getter) return getter
    throw new SelectorError(
      `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
    )
  }
  const getter = table[aliases[kind]?.[field] ?? field]
  if (!getter) throw new SelectorError(`field label not supported: ${field}`)
  return getter
}

/** Compiles requirements for one kind, refusing fields the kind does not select on. */
export function fieldSelectorFor(
  kind: string,
  requirements: readonly FieldRequirement[],
): FieldSelector {
  const compiled = requirements.map((r) => ({ ...r, get: fieldGetter(kind, r.field) }))
  return {
    empty: compiled.length === 0,
    requirements,
    matches(obj) {
      for (const r of compiled) {
        const equal = r.get(obj) === r.value
        if (r.operator === '!=' ? equal : !equal) return false
      }
      return true
    },
    toString: () => requirements.map((r) => `${r.field}${r.operator}${r.value}`).join(','),
  }
}

/** A field selector in any of the forms `list` accepts: the string, a map of equalities, or requirements. */
export type FieldSelectorInput =
  string | Readonly<Record<string, string>> | readonly FieldRequirement[]

export function fieldRequirementsOf(input: FieldSelectorInput): FieldRequirement[] {
  if (typeof input === 'string') return parseFieldRequirements(input)
  if (Array.isArray(input)) return [...(input as readonly FieldRequirement[])]
  return Object.entries(input as Record<string, string>).map(([field, value]) => ({
    field,
    operator: '=' as const,
    value,
  }))
}
