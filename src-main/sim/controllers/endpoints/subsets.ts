import type { Pod, Service } from '../../api/core'
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../api/discovery'
import { findPort, shouldPodBeInEndpoints, shouldSetHostname } from '../../api/endpoint-util'
import { isPodReady } from '../../api/pod-util'

/** `maxCapacity`: past this many addresses an Endpoints object is truncated. */
export const MAX_ENDPOINTS_CAPACITY = 1000

function address(pod: Pod, svc: Service): EndpointAddress {
  const addr: EndpointAddress = { ip: pod.status!.podIP! }
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec.hostname
  if (pod.spec.nodeName) addr.nodeName = pod.spec.nodeName
  addr.targetRef = {
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  }
  return addr
}

function portsFor(pod: Pod, svc: Service): EndpointPort[] {
  const ports: EndpointPort[] = []
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp)
    if (port === undefined) continue
    const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' }
    if (sp.name) ep.name = sp.name
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol
    ports.push(ep)
  }
  return ports
}

const byIpThenUid = (a: EndpointAddress, b: EndpointAddress): number =>
  a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1

interface Entry {
  address: EndpointAddress
  ready: boolean
}

function subset(ports: EndpointPort[], entries: Entry[]): EndpointSubset {
  const ready = entries.filter((e) => e.ready).map((e) => e.address)
  const notReady = entries.filter((e) => !e.ready).map((e) => e.address)
  const out: EndpointSubset = {}
  if (ready.length > 0) out.addresses = ready.sort(byIpThenUid)
  if (notReady.length > 0) out.notReadyAddresses = notReady.sort(byIpThenUid)
  if (ports.length > 0) out.ports = ports
  return out
}

/**
 * The subsets the endpoints controller writes for a Service (`syncService`, then
 * `RepackSubsets`): ready pods (or all, with `publishNotReadyAddresses`) in
 * `addresses`, the others in `notReadyAddresses`; each port goes with the set of
 * addresses that offer it, and ports offered by the same addresses share a
 * subset. Terminating pods are left out unless not-ready addresses are
 * published; a pod offers only the ports it resolves; a headless Service
 * without ports lists its pods in one portless subset.
 */
export function endpointSubsets(svc: Service, pods: Iterable<Pod>): EndpointSubset[] {
  const tolerateUnready = svc.spec.publishNotReadyAddresses === true
  const portless = (svc.spec.ports ?? []).length === 0
  if (portless && svc.spec.clusterIP !== 'None') return []
  const byPort = new Map<string, { port: EndpointPort; entries: Entry[] }>()
  const portlessEntries: Entry[] = []
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue
    const entry = { address: address(pod, svc), ready: tolerateUnready || isPodReady(pod) }
    if (portless) portlessEntries.push(entry)
    for (const port of portless ? [] : portsFor(pod, svc)) {
      const k = JSON.stringify(port)
      let slot = byPort.get(k)
      if (!slot) byPort.set(k, (slot = { port, entries: [] }))
      slot.entries.push(entry)
    }
  }
  if (portless) return portlessEntries.length > 0 ? [subset([], portlessEntries)] : []
  // Ports offered by exactly the same addresses (in the same state) go together.
  const groups = new Map<string, { ports: EndpointPort[]; entries: Entry[] }>()
  for (const { port, entries } of byPort.values()) {
    const k = entries
      .map((e) => `${e.address.ip}/${e.address.targetRef?.uid}/${e.ready}`)
      .sort()
      .join(',')
    const group = groups.get(k)
    if (group) group.ports.push(port)
    else groups.set(k, { ports: [port], entries })
  }
  const subsets = [...groups.values()].map(({ ports, entries }) =>
    subset(
      ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port),
      entries,
    ),
  )
  const first = (s: EndpointSubset): string =>
    (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? ''
  return subsets.sort((a, b) => first(a).localeCompare(first(b)))
}

/**
 * `truncateEndpoints`: past the capacity, ready addresses are kept before
 * not-ready ones, each subset keeping its share (rounded up). Returns whether
 * anything was cut.
 */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  let ready = 0
  let notReady = 0
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0
    notReady += s.notReadyAddresses?.length ?? 0
  }
  if (ready + notReady <= MAX_ENDPOINTS_CAPACITY) return false
  const truncateReady = ready > MAX_ENDPOINTS_CAPACITY
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - ready
  const total = truncateReady ? ready : notReady
  let room = max
  for (const s of subsets) {
    const list = (truncateReady ? s.addresses : s.notReadyAddresses) ?? []
    const take = Math.min(Math.ceil((list.length / total) * max), room)
    if (truncateReady) {
      s.addresses = list.slice(0, take)
      delete s.notReadyAddresses
    } else if (s.notReadyAddresses) s.notReadyAddresses = list.slice(0, take)
    room -= Math.min(take, list.length)
  }
  return true
}
