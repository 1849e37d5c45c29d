import type { PrefixWriter } from './prefix-writer'

/** `printLabelsMultilineWithIndent`: one `key=value` a line, sorted, aligned under the first. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`)
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) {
    w.line('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`)
    w.write(0, `${key}=${labels![key]}\n`)
  })
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const MAX_ANNOTATION_LENGTH = 140

/**
 * `printAnnotationsMultiline`: `key: value`, sorted; the last-applied
 * configuration is skipped; long or multi-line values go on their own lines,
 * cut at 140 characters.
 */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort()
  if (keys.length === 0) {
    w.line('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t')
    const value = annotations![key]!.replace(/\n$/, '')
    if (value.length + key.length + 2 > MAX_ANNOTATION_LENGTH || value.includes('\n')) {
      w.write(0, `${key}:\n`)
      for (const s of value.split('\n'))
        w.write(0, `\t  ${shorten(s, MAX_ANNOTATION_LENGTH - 2)}\n`)
    } else {
      w.write(0, `${key}: ${value}\n`)
    }
  })
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s
}

interface TaintShape {
  key: string
  value?: string
  effect: string
}

/** `Taint.ToString`: `key=value:Effect`. */
export function taintString(t: TaintShape): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`
}

/** `printTaintsMultilineWithIndent`: sorted by effect, then key. */
export function printTaintsMultiline(
  w: PrefixWriter,
  title: string,
  taints: readonly TaintShape[] | undefined,
): void {
  w.write(0, `${title}:\t`)
  if (!taints || taints.length === 0) {
    w.line('<none>')
    return
  }
  const sortKey = (t: TaintShape): string => `${t.effect},${t.key}`
  const sorted = [...taints].sort((a, b) =>
    sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0,
  )
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t')
    w.write(0, `${taintString(t)}\n`)
  })
}

interface TolerationShape {
  key?: string
  operator?: string
  value?: string
  effect?: string
  tolerationSeconds?: number
}

/** `printTolerationsMultilineWithIndent`: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly TolerationShape[] | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`)
  if (!tolerations || tolerations.length === 0) {
    w.line('<none>')
    return
  }
  const sorted = [...tolerations].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  )
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`)
    let text = t.key ?? ''
    if (t.value) text += `=${t.value}`
    if (t.effect) text += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      text += ` for ${t.tolerationSeconds}s`
    w.write(0, `${text}\n`)
  })
}

/** `printPodsMultilineWithIndent`: names, sorted. */
export function printNamesMultiline(
  w: PrefixWriter,
  title: string,
  names: readonly string[],
): void {
  w.write(0, `${title}:\t`)
  if (names.length === 0) {
    w.line('<none>')
    return
  }
  ;[...names].sort().forEach((name, i) => {
    if (i !== 0) w.write(0, '\t')
    w.write(0, `${name}\n`)
  })
}
