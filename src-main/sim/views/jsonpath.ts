/**
 * The part of kubectl's JSONPath that CRD printer columns use: `.spec.replicas`,
 * `.metadata.labels['app.kubernetes.io/name']`, `.items[0]`, `.items[*].name` and
 * filters such as `.status.conditions[?(@.type=="Ready")].status`. Like the
 * table convertor, callers take the first result.
 */
type Step =
  | { readonly field: string }
  | { readonly index: number }
  | { readonly all: true }
  | { readonly filter: { path: string[]; op: '==' | '!='; value: unknown } }

const FIELD = /^\.([A-Za-z0-9_-]+)/
const BRACKET_FIELD = /^\[\s*(?:'([^']*)'|"([^"]*)")\s*\]/
const INDEX = /^\[\s*(-?\d+)\s*\]/
const ALL = /^(?:\[\s*\*\s*\]|\.\*)/
const FILTER =
  /^\[\s*\?\(\s*@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)|(true|false))\s*\)\s*\]/

/** Parses a path; undefined when it uses what this subset does not know. */
export function parseJsonPath(text: string): Step[] | undefined {
  let rest = text.trim()
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim()
  if (rest.startsWith('$')) rest = rest.slice(1)
  const steps: Step[] = []
  while (rest.length > 0) {
    let m: RegExpExecArray | null
    if ((m = ALL.exec(rest))) steps.push({ all: true })
    else if ((m = FIELD.exec(rest))) steps.push({ field: m[1]! })
    else if ((m = BRACKET_FIELD.exec(rest))) steps.push({ field: m[1] ?? m[2]! })
    else if ((m = INDEX.exec(rest))) steps.push({ index: Number(m[1]) })
    else if ((m = FILTER.exec(rest))) {
      const literal = m[3] ?? m[4] ?? (m[5] !== undefined ? Number(m[5]) : m[6] === 'true')
      const op = m[2] as '==' | '!='
      steps.push({ filter: { path: m[1]!.slice(1).split('.'), op, value: literal } })
    } else return undefined
    rest = rest.slice(m[0].length)
  }
  return steps
}

function child(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function apply(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = []
  for (const v of values) {
    if ('field' in step) {
      const c = child(v, step.field)
      if (c !== undefined) out.push(c)
    } else if ('index' in step) {
      if (Array.isArray(v)) {
        const c = v[step.index < 0 ? v.length + step.index : step.index]
        if (c !== undefined) out.push(c)
      }
    } else if ('all' in step) {
      if (Array.isArray(v)) out.push(...v)
      else if (v !== null && typeof v === 'object') out.push(...Object.values(v))
    } else if (Array.isArray(v)) {
      const { path, op, value } = step.filter
      for (const item of v) {
        const got = path.reduce<unknown>((acc, key) => child(acc, key), item)
        if (got !== undefined && (op === '==') === (got === value)) out.push(item)
      }
    }
  }
  return out
}

/** Every value the path reaches in `root`, in order. */
export function findResults(root: unknown, steps: readonly Step[]): unknown[] {
  return steps.reduce<unknown[]>((values, step) => apply(values, step), [root])
}
