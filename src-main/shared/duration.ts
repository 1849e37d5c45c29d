/** Durations as people and Go write them, shared by the CLI and the host. */

/** Parses `90s`, `15m`, `1h30m`, `500ms` (Go's duration syntax) into milliseconds. */
export function parseDurationMs(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy
  let total = 0
  let matched = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
    total += Number(m[1]) * unit
    matched = re.lastIndex
  }
  if (matched === 0 || matched !== text.length) {
    throw new Error(`invalid duration "${text}": use a number with a unit, e.g. 90s, 15m, 1h30m`)
  }
  return total
}
