import type { Container, Probe } from '../api/core'
import type { ImageBehaviour } from '../images/catalog'

export type ProbeOutcome = { ok: true } | { ok: false; output: string }

/** A probe's port, resolving a named port against the container's ports. */
function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port
  if (/^\d+$/.test(port)) return Number(port)
  return container.ports?.find((p) => p.name === port)?.containerPort
}

/**
 * Runs one probe against the simulated process, answering as the kubelet's prober
 * would: the process must be up, listen on the port, and serve the path.
 */
export function runProbe(
  probe: Probe,
  container: Container,
  behaviour: ImageBehaviour | undefined,
  podIP: string,
  upSinceMs: number | undefined,
  nowMs: number,
): ProbeOutcome {
  const listening = upSinceMs !== undefined && nowMs >= upSinceMs
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container)
    const path = probe.httpGet.path ?? '/'
    const url = `http://${podIP}:${port ?? probe.httpGet.port}${path}`
    if (port === undefined)
      return {
        ok: false,
        output: `Get "${url}": invalid port ${JSON.stringify(probe.httpGet.port)}`,
      }
    if (!listening || !behaviour?.ports.includes(port)) {
      return {
        ok: false,
        output: `Get "${url}": dial tcp ${podIP}:${port}: connect: connection refused`,
      }
    }
    if (!(behaviour.healthPaths ?? []).includes(path))
      return { ok: false, output: 'HTTP probe failed with statuscode: 404' }
    return { ok: true }
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container)
    if (port === undefined || !listening || !behaviour?.ports.includes(port)) {
      return {
        ok: false,
        output: `dial tcp ${podIP}:${port ?? probe.tcpSocket.port}: connect: connection refused`,
      }
    }
    return { ok: true }
  }
  // exec: the simulated process answers any command once it is up.
  return listening ? { ok: true } : { ok: false, output: 'command failed: process is starting' }
}
