import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'

export interface EndpointSliceShape extends KubeObject {
  addressType?: string
  ports?: { name?: string; port?: number; protocol?: string }[] | null
  endpoints?:
    | {
        addresses: string[]
        conditions?: { ready?: boolean }
        hostname?: string
        nodeName?: string
        zone?: string
        targetRef?: { kind?: string; name: string }
      }[]
    | null
}

/** `listWithMoreString`: `<unset>` when empty. */
function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const text = list.join(',')
  if (more) return `${text} + ${count - max} more...`
  return text || '<unset>'
}

/** `formatDiscoveryPorts`: a port's number, else its name, else `*`. */
export function discoveryPorts(slice: EndpointSliceShape): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const p of slice.ports ?? []) {
    if (list.length < 3) list.push(p.port !== undefined ? String(p.port) : (p.name ?? '*'))
    else more = true
    count++
  }
  return listWithMore(list, more, count, 3)
}

/** `formatDiscoveryEndpoints`: every address of every endpoint, ready or not. */
export function discoveryEndpoints(slice: EndpointSliceShape): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const e of slice.endpoints ?? []) {
    for (const address of e.addresses) {
      if (list.length < 3) list.push(address)
      else more = true
      count++
    }
  }
  return listWithMore(list, more, count, 3)
}

/** `printEndpointSlice`. */
export const endpointSlicePrinter = printer<EndpointSliceShape>(
  [NAME, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE],
  (slice, ctx) => [
    slice.metadata.name,
    slice.addressType ?? '',
    discoveryPorts(slice),
    discoveryEndpoints(slice),
    age(slice, ctx),
  ],
)
