import type { TrafficFailures, TrafficView } from '../shared/traffic-dto'
import { formatTable } from '../sim/views/table'

const CAUSES: Record<keyof TrafficFailures, string> = {
  unresolved: 'unresolved',
  noEndpoints: 'no endpoints',
  connectionRefused: 'connection refused',
  timeout: 'timeout',
  http5xx: '5xx',
  http4xx: '4xx',
}

/** `connection refused 11, timeout 2`, or `-` when nothing failed. */
function causesText(failed: TrafficFailures): string {
  const parts = (Object.keys(CAUSES) as (keyof TrafficFailures)[])
    .filter((k) => failed[k] > 0)
    .map((k) => `${CAUSES[k]} ${failed[k]}`)
  return parts.length > 0 ? parts.join(', ') : '-'
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : `${v}ms`)

/**
 * What each `--traffic` client met, for `drydock sync` without --json: one row
 * per client, then when it lost requests.
 */
export function trafficText(traffic: readonly TrafficView[]): string[] {
  if (traffic.length === 0) return []
  const out = [
    '',
    'Traffic:',
    formatTable(
      ['TRAFFIC', 'STARTED', 'SENT', 'SUCCEEDED', 'FAILED', 'FAILED BY CAUSE', 'P50', 'P99'],
      traffic.map((t) => [
        t.traffic,
        t.startedAtSeconds === undefined ? 'never' : `${t.startedAtSeconds}s`,
        String(t.sent),
        String(t.succeeded),
        String(t.failed),
        causesText(t.failedBy),
        ms(t.latencyMs?.p50),
        ms(t.latencyMs?.p99),
      ]),
    ),
  ]
  for (const t of traffic) {
    if (t.startedAtSeconds === undefined)
      out.push(`${t.traffic}: never started: ${t.target} never had a ready endpoint`)
    for (const w of t.lossWindows)
      out.push(`${t.traffic}: ${w.failed} failed between ${w.fromSeconds}s and ${w.toSeconds}s`)
  }
  return out
}
