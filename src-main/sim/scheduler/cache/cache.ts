import type { Node, Pod } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { isPodTerminal } from '../../api/pod-util'
import { namespacedName } from '../../store/keys'
import type { ObjectStore, WatchEventType } from '../../store/store'
import type { CompiledSelector } from '../label-selector'
import { specInfo } from '../pod-info'
import { AffinityGroups } from './affinity-groups'
import { MatchCounters, type MatchCounter } from './match-counters'
import type { DomainCounts, NodeCounts } from './node-counts'
import { NodeInfo } from './node-info'
import { NodeTable } from './node-table'
import { PodLabelIndex } from './pod-label-index'
import { ServiceSelectors } from './service-selectors'
import { TopologyDomains, type TopologyKey } from './topology-domains'
import { TrackedPod } from './tracked-pod'

/**
 * Counters no pod has asked for in this many scheduling cycles are dropped. A
 * ReplicaSet among thousands, filling at its client's 20 pods a second, comes
 * back thousands of cycles apart, and rebuilding its counter each time cost
 * more than keeping it (a few hundred bytes).
 */
const COUNTER_IDLE_CYCLES = 65_536

function sameLabels(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  if (a === b) return true
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) if (a[k] !== b[k]) return false
  return true
}

/**
 * The scheduler's cache (`pkg/scheduler/backend/cache`), kept current from the
 * store's watch: per node what bound pods take, and the indexes that let the
 * affinity and spreading plugins count pods by label and topology domain without
 * looking at every pod. A pod that asks for none of that costs nothing extra.
 */
export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>()
  readonly table = new NodeTable()
  private list: NodeInfo[] | undefined
  private rows: Int32Array | undefined
  /** By uid: the same string object in every version of the pod, so its hash is worked out once. */
  private readonly pods = new Map<string, TrackedPod>()
  private index: PodLabelIndex | undefined
  readonly groups = new AffinityGroups()
  private readonly spreadCounters = new MatchCounters(true)
  private readonly affinityCounters = new MatchCounters(false)
  private readonly topologyDomains = new TopologyDomains()
  readonly services: ServiceSelectors
  /** Moves whenever node labels (or the set of nodes) change: cached per-domain counts are stale. */
  labelsEpoch = 0
  private preferNoScheduleNodes = 0
  private tick = 0

  constructor(readonly store: ObjectStore) {
    this.services = new ServiceSelectors(store)
    for (const node of store.list<Node>('Node')) this.nodeEvent('ADDED', node)
    for (const pod of store.list<Pod>('Pod')) this.podEvent('ADDED', pod)
    store.watch(
      ({ type, object }) =>
        object.kind === 'Node'
          ? this.nodeEvent(type, object as Node)
          : this.podEvent(type, object as Pod),
      ['Pod', 'Node'],
    )
  }

  get(name: string): NodeInfo | undefined {
    const info = this.nodes.get(name)
    return info?.gone ? undefined : info
  }

  /** Every node, in a stable order; the same array until a node joins or leaves. */
  all(): readonly NodeInfo[] {
    this.list ??= [...this.nodes.values()].filter((n) => !n.gone)
    return this.list
  }

  /** The table rows of `all()`, in its order. */
  allRows(): Int32Array {
    this.rows ??= Int32Array.from(this.all(), (n) => n.row)
    return this.rows
  }

  /** Whether any node has a `PreferNoSchedule` taint (otherwise TaintToleration scores nodes alike). */
  get anyPreferNoSchedule(): boolean {
    return this.preferNoScheduleNodes > 0
  }

  startCycle(): void {
    if (++this.tick % COUNTER_IDLE_CYCLES !== 0) return
    this.spreadCounters.sweep(this.tick - COUNTER_IDLE_CYCLES)
    this.affinityCounters.sweep(this.tick - COUNTER_IDLE_CYCLES)
  }

  labelIndex(): PodLabelIndex {
    if (!this.index) {
      this.index = new PodLabelIndex()
      for (const p of this.pods.values()) this.index.add(p)
    }
    return this.index
  }

  /** Bound pods of `namespace` matching `selector`, per node, as spreading counts them. */
  matchCounter(namespace: string, selector: CompiledSelector): MatchCounter {
    const counter = this.spreadCounters.counter(namespace, selector, this.labelIndex())
    counter.lastUsedTick = this.tick
    return counter
  }

  /** The same, pods being deleted included, as affinity terms count them. */
  affinityCounter(namespace: string, selector: CompiledSelector): MatchCounter {
    const counter = this.affinityCounters.counter(namespace, selector, this.labelIndex())
    counter.lastUsedTick = this.tick
    return counter
  }

  /** The domains of a topology key, and each node's domain by row. */
  topologyKey(key: string): TopologyKey {
    return this.topologyDomains.key(key, this.all(), this.table.capacity)
  }

  /** `counts` summed per domain of `key`, kept current until node labels change. */
  domainCounts(counts: NodeCounts, key: string): DomainCounts {
    return counts.domainCounts(this.topologyKey(key), this.labelsEpoch)
  }

  private nodeEvent(type: WatchEventType, node: Node): void {
    const name = node.metadata.name
    let info = this.nodes.get(name)
    const before = info && !info.gone ? info : undefined
    // Read now: `setNode` below replaces the labels of the same NodeInfo.
    const beforeLabels = before?.labels
    if (before && before.preferNoScheduleTaints.length > 0) this.preferNoScheduleNodes--
    if (type === 'DELETED') {
      if (!info) return
      if (info.podCount > 0) info.gone = true
      else this.forget(info)
      this.listChanged()
    } else if (!info) {
      this.nodes.set(name, (info = new NodeInfo(node, this.table)))
      this.listChanged()
    } else {
      info.setNode(node)
      if (info.gone) {
        info.gone = false
        this.listChanged()
      }
    }
    const after = type === 'DELETED' ? undefined : info
    if (after && after.preferNoScheduleTaints.length > 0) this.preferNoScheduleNodes++
    if (!beforeLabels || !after || !sameLabels(beforeLabels, after.labels)) {
      this.labelsEpoch++
      this.topologyDomains.nodeChanged(info.row, after?.labels)
    }
  }

  private listChanged(): void {
    this.list = undefined
    this.rows = undefined
  }

  private podEvent(type: WatchEventType, pod: Pod): void {
    const key = pod.metadata.uid ?? namespacedName(pod)
    const tracked = this.pods.get(key)
    const counted = type !== 'DELETED' && Boolean(pod.spec.nodeName) && !isPodTerminal(pod)
    if (tracked) {
      const old = tracked.pod
      const same =
        counted &&
        old.spec === pod.spec &&
        old.metadata.uid === pod.metadata.uid &&
        old.metadata.labels === pod.metadata.labels &&
        old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp
      // A status write changes nothing the scheduler counts.
      if (same) return
      this.untrack(key, tracked)
    }
    if (counted) this.track(key, pod)
  }

  private track(key: string, pod: Pod): void {
    const nodeName = pod.spec.nodeName!
    let node = this.nodes.get(nodeName)
    if (!node) {
      // Bound to a node the scheduler has not seen: accounted on a placeholder until it appears.
      const placeholder: Node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: nodeName },
        spec: {},
      }
      node = new NodeInfo(placeholder, this.table)
      node.gone = true
      this.nodes.set(nodeName, node)
    }
    const p = new TrackedPod(
      pod,
      pod.metadata.namespace ?? 'default',
      node,
      specInfo(pod.spec),
      pod.metadata.deletionTimestamp === undefined,
    )
    this.account(p, 1)
    this.pods.set(key, p)
    this.index?.add(p)
    this.groups.update(p, 1)
    this.spreadCounters.podChanged(p, 1)
    this.affinityCounters.podChanged(p, 1)
  }

  private untrack(key: string, p: TrackedPod): void {
    this.account(p, -1)
    this.pods.delete(key)
    this.index?.remove(p)
    this.groups.update(p, -1)
    this.spreadCounters.podChanged(p, -1)
    this.affinityCounters.podChanged(p, -1)
    if (p.node.gone && p.node.podCount === 0) this.forget(p.node)
  }

  private account(p: TrackedPod, sign: 1 | -1): void {
    const { node, spec } = p
    node.account(
      spec.cpuMillis,
      spec.memoryBytes,
      spec.nonZeroCpuMillis,
      spec.nonZeroMemoryBytes,
      sign,
    )
    node.addPorts(spec.hostPorts, sign)
  }

  private forget(node: NodeInfo): void {
    this.nodes.delete(node.name)
    node.release()
  }

  /** The labels of a namespace, for terms that select namespaces by label. */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined {
    return this.store.get<KubeObject>('Namespace', undefined, namespace)?.metadata.labels
  }
}
