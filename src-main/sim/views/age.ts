/**
 * `duration.HumanDuration` from apimachinery: how kubectl prints AGE. Deviations of
 * up to two seconds into the future still read as now.
 */
export function humanDuration(ms: number): string {
  // Go truncates toward zero: 1.9 s in the future still reads 0s.
  const seconds = Math.trunc(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 180) return `${minutes}m`
  const hours = Math.floor(seconds / 3600)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365
    const y = Math.floor(hours / 24 / 365)
    return dy === 0 ? `${y}y` : `${y}y${dy}d`
  }
  return `${Math.floor(hours / 24 / 365)}y`
}

/** `translateTimestampSince`: `<unknown>` for a missing time. */
export function ageSince(timestampMs: number | undefined, nowMs: number): string {
  if (timestampMs === undefined || Number.isNaN(timestampMs)) return '<unknown>'
  return humanDuration(nowMs - timestampMs)
}
