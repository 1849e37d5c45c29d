import { toRfc3339 } from '../../kernel/time'

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Go's `time.RFC1123Z` of a UTC instant: `Thu, 01 Jan 2026 00:15:00 +0000`. */
export function formatRfc1123Z(epochMs: number): string {
  const text = toRfc3339(epochMs)
  const days = Math.floor(epochMs / 86_400_000)
  const weekday = WEEKDAYS[((days % 7) + 7) % 7]
  const month = MONTHS[Number(text.slice(5, 7)) - 1]
  return `${weekday}, ${text.slice(8, 10)} ${month} ${text.slice(0, 4)} ${text.slice(11, 19)} +0000`
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/**
 * Go's `t.In(zone).Format(time.RFC3339)`: local wall time with its offset, `Z`
 * when the offset is zero (`2026-01-01T09:00:00+09:00`, `2026-01-01T00:00:00Z`).
 */
export function formatRfc3339In(epochMs: number, timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'UTC') return toRfc3339(epochMs)
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(epochMs)) parts[p.type] = p.value
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '')
  const zone = offset === '' || offset === '+00:00' || offset === '-00:00' ? 'Z' : offset
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zone}`
}
