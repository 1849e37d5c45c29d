import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

export interface EndpointsShape extends KubeObject {
  subsets?: {
    addresses?: { ip: string }[]
    notReadyAddresses?: { ip: string }[]
    ports?: { name?: string; port: number; protocol?: string }[]
  }[]
}

/** `net.JoinHostPort`: IPv6 addresses in brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** `formatEndpoints` with every port: `ip:port,...`, at most 3, then ` + N more...`. */
export function formatEndpoints(ep: EndpointsShape): string {
  const subsets = ep.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const max = 3
  const list: string[] = []
  let more = false
  let count = 0
  for (const ss of subsets) {
    const addresses = ss.addresses ?? []
    if ((ss.ports ?? []).length === 0) {
      // A headless Service may have no ports.
      count += addresses.length
      for (const a of addresses) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(a.ip)
      }
      continue
    }
    for (const port of ss.ports ?? []) {
      count += addresses.length
      for (const a of addresses) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(joinHostPort(a.ip, port.port))
      }
    }
  }
  const text = list.join(',')
  return more ? `${text} + ${count - max} more...` : text
}

/** `printEndpoints`. */
export const endpointsPrinter = printer<EndpointsShape>(
  [NAME, { name: 'Endpoints' }, AGE],
  (ep, ctx) => [ep.metadata.name, formatEndpoints(ep), age(ep, ctx)],
)
