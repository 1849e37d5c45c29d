/**
 * What a simulated client's requests met, per `--traffic` target, as plain data
 * for the `drydock sync --json` contract. Imports nothing.
 */

/** Failed requests by cause. */
export interface TrafficFailures {
  /** No such Service, no Ingress rule for the host and path, or no external IP yet. */
  unresolved: number
  /** The Service had no endpoint to send to. */
  noEndpoints: number
  /** The pod answered but nothing listened on the port (not started yet, crashed, or shutting down). */
  connectionRefused: number
  /** Nothing answered: the pod's machine was down or cut off, or the pod was gone. */
  timeout: number
  http5xx: number
  http4xx: number
}

/** A stretch of virtual time in which requests failed, whole seconds from the start of the run. */
export interface TrafficLossWindow {
  fromSeconds: number
  toSeconds: number
  failed: number
}

export interface TrafficView {
  /** As it was written: `web=50`. */
  traffic: string
  /** What it was sent to, in words: `Service default/web port 80 (ClusterIP)`. */
  target: string
  ratePerSecond: number
  /** When the client started sending, from the start of the run; absent when it never did. */
  startedAtSeconds?: number
  sent: number
  succeeded: number
  failed: number
  failedBy: TrafficFailures
  /** Of the requests that succeeded; absent when none did. */
  latencyMs?: { mean: number; p50: number; p99: number; max: number }
  lossWindows: TrafficLossWindow[]
}
