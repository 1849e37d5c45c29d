import type { Pod, Service } from '../api/core'
import { podCondition } from '../api/pod-util'
import { deepEqual } from '../store/equality'
import type { ObjectStore, WatchEvent } from '../store/store'

export type MembershipListener = (namespace: string, service: string) => void

type Labels = Readonly<Record<string, string>> | undefined

interface IndexedService {
  readonly selector: Readonly<Record<string, string>>
  /** One of the selector's pairs: a pod can only match if it carries it. */
  readonly anchor: string
}

/** No Services: shared, never changed, so a pod outside every Service allocates nothing. */
const NONE: ReadonlySet<string> = new Set()

const pair = (namespace: string, k: string, v: string): string => `${namespace}\u0000${k}=${v}`

/** A Service selects pods only through a non-empty `spec.selector` (an empty one, as stored, is none). */
function selectorOf(svc: Service): Readonly<Record<string, string>> | undefined {
  const selector = svc.spec?.selector
  return selector && Object.keys(selector).length > 0 ? selector : undefined
}

function matches(selector: Readonly<Record<string, string>>, labels: Labels): boolean {
  for (const k in selector) if (labels?.[k] !== selector[k]) return false
  return true
}

/** Whether anything a Service's endpoints are made of changed between two versions of a pod. */
function endpointRelevantChange(before: Pod, after: Pod): boolean {
  return (
    before.spec !== after.spec ||
    before.metadata.deletionTimestamp !== after.metadata.deletionTimestamp ||
    before.status?.podIP !== after.status?.podIP ||
    before.status?.phase !== after.status?.phase ||
    podCondition(before, 'Ready')?.status !== podCondition(after, 'Ready')?.status
  )
}

/**
 * Which pods each Service selects, kept up to date from the watch: a pod's change
 * touches only the Services whose selectors could match it (found through an
 * index of selector pairs by namespace), and a Service's new selector reads only
 * the pods carrying one of its pairs. The endpoints and endpointslice controllers
 * share one per store, and are told which Services' members changed.
 */
export class ServiceMembership {
  private static readonly byStore = new WeakMap<ObjectStore, ServiceMembership>()

  static of(store: ObjectStore): ServiceMembership {
    let index = ServiceMembership.byStore.get(store)
    if (!index) ServiceMembership.byStore.set(store, (index = new ServiceMembership(store)))
    return index
  }

  /** namespace → Service name → its selector. */
  private readonly services = new Map<string, Map<string, IndexedService>>()
  /** namespace + label pair → Services anchored on it. */
  private readonly servicesByAnchor = new Map<string, Set<string>>()
  /** namespace + label pair → names of pods carrying it, in the namespaces of `paired`. */
  private readonly podsByPair = new Map<string, Set<string>>()
  /**
   * The namespaces that have had a Service with a selector: only their pods are
   * indexed and followed. Most pods live where no Service selects (a large
   * cluster's batch and test namespaces), and their writes cost nothing here.
   */
  private readonly paired = new Set<string>()
  /** `namespace/service` → pod name → pod. */
  private readonly members = new Map<string, Map<string, Pod>>()
  /** `namespace/pod` → names of the Services selecting it. */
  private readonly podServices = new Map<string, Set<string>>()
  private readonly listeners: MembershipListener[] = []

  private constructor(private readonly store: ObjectStore) {
    for (const pod of store.list<Pod>('Pod')) this.onPod({ type: 'ADDED', object: pod })
    for (const svc of store.list<Service>('Service')) this.onService({ type: 'ADDED', object: svc })
    store.watch((e) => this.onService(e), ['Service'])
    store.watch((e) => this.onPod(e), ['Pod'])
  }

  subscribe(listener: MembershipListener): void {
    this.listeners.push(listener)
  }

  /** The pods a Service selects, whatever their state. */
  pods(namespace: string, service: string): Iterable<Pod> {
    return this.members.get(`${namespace}/${service}`)?.values() ?? []
  }

  private notify(namespace: string, service: string): void {
    for (const listener of this.listeners) listener(namespace, service)
  }

  private onPod({ type, object, old }: WatchEvent): void {
    const pod = object as Pod
    const namespace = pod.metadata.namespace ?? 'default'
    if (!this.paired.has(namespace)) return
    const name = pod.metadata.name
    const key = `${namespace}/${name}`
    const before = old as Pod | undefined
    const labelsChanged = type !== 'MODIFIED' || before?.metadata.labels !== pod.metadata.labels
    if (labelsChanged) {
      if (before || type === 'DELETED')
        this.indexPairs(namespace, name, (before ?? pod).metadata.labels, false)
      if (type !== 'DELETED') this.indexPairs(namespace, name, pod.metadata.labels, true)
    }
    const previous = this.podServices.get(key) ?? NONE
    // Most pods are in no Service: their status writes have nothing to change here.
    if (previous === NONE && !labelsChanged) return
    const current =
      type === 'DELETED'
        ? NONE
        : labelsChanged
          ? this.servicesMatching(namespace, pod.metadata.labels)
          : previous
    for (const svc of previous) {
      if (current.has(svc)) continue
      this.members.get(`${namespace}/${svc}`)?.delete(name)
      this.notify(namespace, svc)
    }
    for (const svc of current) {
      const members = this.members.get(`${namespace}/${svc}`)!
      const joined = !members.has(name)
      members.set(name, pod)
      if (joined || !before || endpointRelevantChange(before, pod)) this.notify(namespace, svc)
    }
    if (current.size > 0) this.podServices.set(key, current as Set<string>)
    else if (previous !== NONE) this.podServices.delete(key)
  }

  private indexPairs(namespace: string, pod: string, labels: Labels, add: boolean): void {
    for (const k in labels) {
      const p = pair(namespace, k, labels[k]!)
      let set = this.podsByPair.get(p)
      if (add) {
        if (!set) this.podsByPair.set(p, (set = new Set()))
        set.add(pod)
      } else if (set) {
        set.delete(pod)
        if (set.size === 0) this.podsByPair.delete(p)
      }
    }
  }

  private servicesMatching(namespace: string, labels: Labels): ReadonlySet<string> {
    const services = this.services.get(namespace)
    if (!services) return NONE
    const out = new Set<string>()
    for (const k in labels) {
      for (const svc of this.servicesByAnchor.get(pair(namespace, k, labels[k]!)) ?? []) {
        if (matches(services.get(svc)!.selector, labels)) out.add(svc)
      }
    }
    return out
  }

  private onService({ type, object, old }: WatchEvent): void {
    const svc = object as Service
    const namespace = svc.metadata.namespace ?? 'default'
    const name = svc.metadata.name
    const previous = this.services.get(namespace)?.get(name)
    const selector = type === 'DELETED' ? undefined : selectorOf(svc)
    if (previous && selector && deepEqual(previous.selector, selector)) return
    if (previous) this.unindexService(namespace, name, previous)
    if (selector) this.indexService(namespace, name, selector)
    if (old || previous) this.notify(namespace, name)
  }

  /** Indexes the pods of a namespace the first time a Service there selects. */
  private pairNamespace(namespace: string): void {
    if (this.paired.has(namespace)) return
    this.paired.add(namespace)
    for (const pod of this.store.list<Pod>('Pod', { namespace }))
      this.indexPairs(namespace, pod.metadata.name, pod.metadata.labels, true)
  }

  private unindexService(namespace: string, name: string, indexed: IndexedService): void {
    this.services.get(namespace)?.delete(name)
    const anchored = this.servicesByAnchor.get(indexed.anchor)
    anchored?.delete(name)
    if (anchored?.size === 0) this.servicesByAnchor.delete(indexed.anchor)
    for (const pod of this.members.get(`${namespace}/${name}`)?.keys() ?? []) {
      const set = this.podServices.get(`${namespace}/${pod}`)
      set?.delete(name)
      if (set?.size === 0) this.podServices.delete(`${namespace}/${pod}`)
    }
    this.members.delete(`${namespace}/${name}`)
  }

  private indexService(namespace: string, name: string, selector: Record<string, string>): void {
    this.pairNamespace(namespace)
    const pairs = Object.keys(selector)
      .sort()
      .map((k) => pair(namespace, k, selector[k]!))
    let services = this.services.get(namespace)
    if (!services) this.services.set(namespace, (services = new Map()))
    services.set(name, { selector, anchor: pairs[0]! })
    let anchored = this.servicesByAnchor.get(pairs[0]!)
    if (!anchored) this.servicesByAnchor.set(pairs[0]!, (anchored = new Set()))
    anchored.add(name)
    // The pods to check are those carrying the selector's rarest pair.
    let candidates: Set<string> | undefined
    for (const p of pairs) {
      const set = this.podsByPair.get(p)
      if (!set) {
        candidates = undefined
        break
      }
      if (!candidates || set.size < candidates.size) candidates = set
    }
    const members = new Map<string, Pod>()
    for (const podName of candidates ?? []) {
      const pod = this.store.get<Pod>('Pod', namespace, podName)
      if (!pod || !matches(selector, pod.metadata.labels)) continue
      members.set(podName, pod)
      let set = this.podServices.get(`${namespace}/${podName}`)
      if (!set) this.podServices.set(`${namespace}/${podName}`, (set = new Set()))
      set.add(name)
    }
    this.members.set(`${namespace}/${name}`, members)
  }
}
