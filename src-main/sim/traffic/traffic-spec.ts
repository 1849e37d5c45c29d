/**
 * What a simulated client sends, as `--traffic` writes it:
 *
 * - `web=50`: 50 requests a second to Service `web` in the app's namespace, from
 *   inside the cluster through its ClusterIP, on its first port, path `/`;
 * - `web.shop:8080/api=50`: Service `web` in namespace `shop` (as cluster DNS
 *   names it), port 8080 (or a port's name), path `/api`;
 * - `nodeport/web=50`, `loadbalancer/web=50`: from outside, through each
 *   node's NodePort in turn, or through the Service's load balancer;
 * - `http://shop.example.com/cart=50`: from outside, through the Ingress whose
 *   rules take that host and path;
 * - `…=50@2m`: start sending at a virtual time, counted like a fault's; without
 *   it the client waits until the Service first has a ready endpoint, as a
 *   person waits for an app to come up before putting load on it.
 */

export type TrafficEntry = 'cluster-ip' | 'node-port' | 'load-balancer' | 'ingress'

export interface TrafficSpec {
  /** As it was written. */
  readonly spec: string
  readonly entry: TrafficEntry
  /** The Service's name; for `ingress`, the Host header. */
  readonly name: string
  /** The Service's namespace; absent means the app's. Not used by `ingress`. */
  readonly namespace?: string
  /** A port number or name; absent means the Service's first port. */
  readonly port?: string
  readonly path: string
  readonly rps: number
  /** When to start, from the start of the run; absent means once the Service has a ready endpoint. */
  readonly startAtMs?: number
}

export class TrafficSpecError extends Error {}

/** The highest rate a client sends: enough for any lesson, bounded so a typo cannot stall a run. */
export const MAX_RPS = 10_000

const ENTRIES: Record<string, TrafficEntry> = {
  nodeport: 'node-port',
  loadbalancer: 'load-balancer',
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/**
 * `web.shop:8080/api=50@2m` → what to send. `parseTime` reads the `@` part (the
 * host's duration syntax, kept out of the simulation).
 */
export function parseTrafficSpec(spec: string, parseTime: (text: string) => number): TrafficSpec {
  const text = spec.trim()
  const eq = text.lastIndexOf('=')
  if (eq <= 0)
    throw new TrafficSpecError(
      `invalid traffic "${spec}": write <service>=<requests per second>, e.g. web=50`,
    )
  const [rateText, atText] = text.slice(eq + 1).split('@') as [string, string | undefined]
  const rps = Number(rateText)
  if (!/^\d+(\.\d+)?$/.test(rateText) || !(rps > 0) || rps > MAX_RPS)
    throw new TrafficSpecError(
      `invalid rate "${rateText}" in "${spec}": give requests per second, more than 0 and at most ${MAX_RPS}`,
    )
  let startAtMs: number | undefined
  if (atText !== undefined) {
    try {
      startAtMs = parseTime(atText)
    } catch (e) {
      throw new TrafficSpecError(`the time after "@" in "${spec}": ${(e as Error).message}`)
    }
  }
  const target = text.slice(0, eq)
  const base = { spec, rps, ...(startAtMs !== undefined && { startAtMs }) }
  const url = /^https?:\/\/([^/]+)(\/.*)?$/.exec(target)
  if (url) return { ...base, entry: 'ingress', name: url[1]!.toLowerCase(), path: url[2] ?? '/' }
  const m = /^(?:([a-z]+)\/)?([^.:/]+)(?:\.([^:/]+))?(?::([^/]+))?(\/.*)?$/.exec(target)
  const via = m?.[1]
  const entry = via === undefined ? 'cluster-ip' : ENTRIES[via]
  if (!m || !entry)
    throw new TrafficSpecError(
      `invalid traffic target "${target}" in "${spec}": write <service>[.<namespace>][:<port>][/<path>], ` +
        `nodeport/<service>, loadbalancer/<service> or http://<host>/<path>`,
    )
  const [, , name, namespace, port] = m as unknown as [string, string, string, string?, string?]
  for (const [what, value] of [
    ['service name', name],
    ['namespace', namespace],
  ] as const) {
    if (value !== undefined && !DNS_LABEL.test(value))
      throw new TrafficSpecError(
        `invalid ${what} "${value}" in "${spec}": a DNS label (lower-case letters, digits, "-")`,
      )
  }
  return {
    ...base,
    entry,
    name,
    ...(namespace !== undefined && { namespace }),
    ...(port !== undefined && { port }),
    path: m[5] ?? '/',
  }
}
