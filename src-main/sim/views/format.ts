import type { LabelSelector } from '../api/meta'
import { fromRfc3339, toRfc3339 } from '../kernel/time'

/** Small formatters kubectl's printers and describers share, from apimachinery. */

/** `labels.FormatLabels`: `a=1,b=2` by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort()
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',')
}

/**
 * `metav1.LabelSelectorAsSelector(s).String()`: requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; empty for an empty or absent selector.
 */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return ''
  const reqs: { key: string; text: string }[] = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    reqs.push({ key, text: `${key}=${value}` })
  for (const e of selector.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort().join(',')
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`
    reqs.push({ key: e.key, text })
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',')
}

/** `metav1.FormatLabelSelector`: the selector string, or `<none>`. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  return selectorString(selector) || '<none>'
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * `time.RFC1123Z` in UTC, as `kubectl describe` prints times on a machine set to
 * UTC: `Thu, 01 Jan 2026 00:00:05 +0000`. An unset time is Go's zero time.
 */
export function rfc1123z(timestamp: string | undefined): string {
  const ms = timestamp === undefined ? Number.NaN : fromRfc3339(timestamp)
  if (Number.isNaN(ms)) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const iso = toRfc3339(ms)
  const weekday = WEEKDAYS[(((Math.floor(ms / 86_400_000) + 4) % 7) + 7) % 7]
  const month = MONTHS[Number(iso.slice(5, 7)) - 1]
  return `${weekday}, ${iso.slice(8, 10)} ${month} ${iso.slice(0, 4)} ${iso.slice(11, 19)} +0000`
}

/** Go's `%v` of a JSON value: maps as `map[k:v]` by key, slices as `[a b]`. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>'
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `map[${entries.map(([k, v]) => `${k}:${goValue(v)}`).join(' ')}]`
  }
  return String(value)
}

/** `printers`' `printBool`: `True` / `False`. */
export function printBool(value: boolean | undefined): string {
  return value ? 'True' : 'False'
}

/** `printBoolPtr`: `<unset>` when the field is absent. */
export function printBoolPtr(value: boolean | undefined): string {
  return value === undefined ? '<unset>' : printBool(value)
}

/** `stringOrNone`. */
export function orNone(text: string | undefined): string {
  return text ? text : '<none>'
}

/** `intstr.IntOrString.String()`. */
export function intOrString(value: number | string | undefined): string {
  return value === undefined ? '0' : String(value)
}
