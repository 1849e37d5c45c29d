import type { Pod } from '../api/core'
import { serverAnswer } from '../images/serving'
import type { Prng } from '../kernel/prng'
import type { PodRuntime } from '../kubelet/runtime-state'
import type { BackendEndpoint } from './service-backends'

/** Why a request failed, as a client would tell it. */
export type FailureCause =
  /** No such Service, no Ingress rule for the host and path, no external IP yet. */
  | 'unresolved'
  /** The Service has no endpoint to send to (kube-proxy rejects the connection). */
  | 'noEndpoints'
  /** The address answers but nothing listens on the port. */
  | 'connectionRefused'
  /** Nothing answers at the address: its machine is down or cut off. */
  | 'timeout'
  | 'http5xx'
  | 'http4xx'

export const FAILURE_CAUSES: readonly FailureCause[] = [
  'unresolved',
  'noEndpoints',
  'connectionRefused',
  'timeout',
  'http5xx',
  'http4xx',
]

export type Answer =
  { ok: true; latencyMs: number } | { ok: false; cause: FailureCause; latencyMs: number }

/** How long the client waits for a connection or an answer before it gives up. */
export const CLIENT_TIMEOUT_MS = 10_000
/** A round trip inside a data centre. */
const NETWORK_RTT_MS = 0.5
/** What a server spends on a simple request when it has the CPU it wants. */
const SERVER_MS = 2

/** What a request needs to know of the world below the Service. */
export interface RequestWorld {
  pod(namespace: string, name: string): Pod | undefined
  /** What runs at a pod's address, on its node. */
  podRuntime(namespace: string, name: string): Readonly<PodRuntime> | undefined
  /** Whether a node's machine is down or cut off the network. */
  unreachable(nodeName: string): boolean
  /** How much slower than normal a node's CPUs run (1 when no CPU is stolen). */
  slowdown(nodeName: string): number
}

export const failed = (cause: FailureCause, latencyMs = NETWORK_RTT_MS): Answer => ({
  ok: false,
  cause,
  latencyMs,
})

/**
 * One request to one endpoint at `nowMs`: a timeout when nothing answers at the
 * address, refused when no container there listens on the port (not started
 * yet, crashed, or past SIGTERM), else the server's HTTP status for the path.
 */
export function answerAt(
  world: RequestWorld,
  namespace: string,
  endpoint: BackendEndpoint,
  path: string,
  nowMs: number,
  prng: Prng,
): Answer {
  const node = endpoint.nodeName
  if (node !== undefined && world.unreachable(node)) return failed('timeout', CLIENT_TIMEOUT_MS)
  const name = endpoint.podName
  const rt = name === undefined ? undefined : world.podRuntime(namespace, name)
  const pod = name === undefined ? undefined : world.pod(namespace, name)
  if (!rt || !pod || rt.podIP !== endpoint.ip) return failed('timeout', CLIENT_TIMEOUT_MS)
  let status: 404 | 500 | undefined
  for (const c of rt.containers) {
    const run = c.run
    const spec = pod.spec.containers.find((s) => s.name === c.name)
    if (!run || !spec) continue
    const accepting =
      c.activity === 'running' ||
      (c.activity === 'stopping' && c.acceptsUntilMs !== undefined && nowMs < c.acceptsUntilMs)
    if (!accepting) continue
    const answer = serverAnswer(
      c.behaviour,
      spec,
      run.plan.listensAtMs,
      nowMs - run.startedAtMs,
      endpoint.port,
      path,
    )
    if (answer === 200) {
      const slowdown = node === undefined ? 1 : world.slowdown(node)
      // ±50 % around the usual time, as a quiet server's latencies spread.
      const latencyMs = NETWORK_RTT_MS + SERVER_MS * slowdown * (0.5 + prng.next())
      return latencyMs < CLIENT_TIMEOUT_MS
        ? { ok: true, latencyMs }
        : failed('timeout', CLIENT_TIMEOUT_MS)
    }
    if (answer !== 'refused') status = answer
  }
  if (status === 500) return failed('http5xx', NETWORK_RTT_MS + SERVER_MS)
  if (status === 404) return failed('http4xx', NETWORK_RTT_MS + SERVER_MS)
  return failed('connectionRefused')
}
