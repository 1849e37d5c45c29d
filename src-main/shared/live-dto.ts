/**
 * What the desktop app shows of the faults a user set off and the clients they
 * started, as plain data in the snapshot. Imports nothing outside shared/.
 */

import type { TrafficFailures, TrafficView } from './traffic-dto'

/** One second of a client's requests: how many succeeded, and how many failed by cause. */
export interface TrafficSecondView {
  /** Virtual time at the start of the second. */
  atMs: number
  succeeded: number
  failedBy: TrafficFailures
}

/** A client started from the app: its figures so far and its last seconds, oldest first. */
export interface LiveTrafficView extends TrafficView {
  /** What `stopTraffic` names it by. */
  id: number
  stopped: boolean
  seconds: TrafficSecondView[]
}

/**
 * A fault the user asked for: `scheduled` until its time comes (`…@2m`), then
 * `done` with what happened or `failed` with why the world refused it.
 */
export interface FaultLogEntry {
  /** As it was written: `hypervisor/hv-b:crash`. */
  spec: string
  /** Virtual time it was carried out, or is due. */
  atMs: number
  outcome: 'scheduled' | 'done' | 'failed'
  message: string
}
