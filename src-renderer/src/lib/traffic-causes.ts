import type { TrafficFailures } from '../../../src-main/shared/traffic-dto'

/** A failure cause as the traffic panel shows it: its words and its colour in the chart. */
export interface CauseStyle {
  key: keyof TrafficFailures
  label: string
  colour: string
}

/** Stacked in this order above the successes, the commonest lessons first. */
export const CAUSES: readonly CauseStyle[] = [
  { key: 'timeout', label: 'timeout', colour: 'var(--bad)' },
  { key: 'connectionRefused', label: 'connection refused', colour: '#d97706' },
  { key: 'noEndpoints', label: 'no endpoints', colour: '#7c3aed' },
  { key: 'http5xx', label: '5xx', colour: '#be185d' },
  { key: 'http4xx', label: '4xx', colour: '#a16207' },
  { key: 'unresolved', label: 'unresolved', colour: 'var(--idle)' },
]

export const failedIn = (f: TrafficFailures): number => CAUSES.reduce((n, c) => n + f[c.key], 0)
