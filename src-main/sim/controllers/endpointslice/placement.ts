import type { Endpoint, EndpointSlice, EndpointSlicePort } from '../../api/discovery'
import { deepEqual } from '../../store/equality'
import { portsKey, type EndpointGroup } from './desired'

/** `--max-endpoints-per-slice`. */
export const MAX_ENDPOINTS_PER_SLICE = 100

/** A slice's new content: an existing slice to rewrite (by name) or a new one. */
export interface SliceContent {
  readonly existing?: EndpointSlice
  readonly ports: EndpointSlicePort[]
  readonly endpoints: Endpoint[]
}

export interface Placement {
  readonly write: SliceContent[]
  readonly remove: EndpointSlice[]
}

const uidOf = (ep: Endpoint): string => ep.targetRef?.uid ?? ep.addresses[0] ?? ''

/**
 * Where each endpoint goes (`reconcileByPortMapping`, simplified): an endpoint
 * stays in the slice it is in; slices keep only endpoints still wanted; new
 * endpoints fill the slices of their port set closest to full, then new slices
 * of at most 100. A slice emptied is reused for a new one before being
 * deleted, and a Service with no endpoints keeps one empty placeholder slice.
 */
export function placeEndpoints(
  existing: readonly EndpointSlice[],
  desired: ReadonlyMap<string, EndpointGroup>,
): Placement {
  const placed = new Set<string>()
  const kept: { slice: EndpointSlice; ports: EndpointSlicePort[]; endpoints: Endpoint[] }[] = []
  const spare: EndpointSlice[] = []
  for (const slice of existing) {
    const group = desired.get(portsKey(slice.ports))
    const endpoints: Endpoint[] = []
    for (const ep of group ? slice.endpoints : []) {
      const uid = uidOf(ep)
      const want = group!.endpoints.get(uid)
      if (!want || placed.has(uid)) continue
      placed.add(uid)
      endpoints.push(want)
    }
    if (endpoints.length > 0) kept.push({ slice, ports: group!.ports, endpoints })
    else spare.push(slice)
  }
  const fresh: { ports: EndpointSlicePort[]; endpoints: Endpoint[] }[] = []
  for (const [k, group] of desired) {
    const waiting = [...group.endpoints.values()].filter((ep) => !placed.has(uidOf(ep)))
    const slices = kept.filter((s) => portsKey(s.ports) === k)
    // Slices being rewritten anyway take new endpoints first; untouched ones only when one can take them all.
    for (const s of slices.filter(changed))
      s.endpoints.push(...waiting.splice(0, MAX_ENDPOINTS_PER_SLICE - s.endpoints.length))
    const unchanged = slices.filter((s) => !changed(s))
    while (waiting.length > 0) {
      const target =
        waiting.length < MAX_ENDPOINTS_PER_SLICE
          ? takeSliceToFill(unchanged, waiting.length)
          : undefined
      if (target) target.endpoints.push(...waiting.splice(0))
      else fresh.push({ ports: group.ports, endpoints: waiting.splice(0, MAX_ENDPOINTS_PER_SLICE) })
    }
  }
  if (kept.length === 0 && fresh.length === 0) fresh.push({ ports: [], endpoints: [] })

  const write: SliceContent[] = []
  for (const s of kept)
    if (changed(s)) write.push({ existing: s.slice, ports: s.ports, endpoints: s.endpoints })
  for (const content of fresh) {
    const reuse = spare.shift()
    if (!reuse) write.push(content)
    else if (
      !deepEqual(reuse.endpoints, content.endpoints) ||
      !deepEqual(reuse.ports ?? [], content.ports)
    )
      write.push({ existing: reuse, ...content })
  }
  return { write, remove: spare }
}

function changed(s: {
  slice: EndpointSlice
  ports: EndpointSlicePort[]
  endpoints: Endpoint[]
}): boolean {
  return !deepEqual(s.slice.endpoints, s.endpoints) || !deepEqual(s.slice.ports ?? [], s.ports)
}

/** `getSliceToFill`: the slice that would be closest to full after taking `count` more, taken out of the list. */
function takeSliceToFill<T extends { endpoints: Endpoint[] }>(
  slices: T[],
  count: number,
): T | undefined {
  let best = -1
  let bestDiff = MAX_ENDPOINTS_PER_SLICE
  slices.forEach((s, i) => {
    const diff = MAX_ENDPOINTS_PER_SLICE - (count + s.endpoints.length)
    if (diff >= 0 && diff < bestDiff) {
      best = i
      bestDiff = diff
    }
  })
  return best < 0 ? undefined : slices.splice(best, 1)[0]
}
