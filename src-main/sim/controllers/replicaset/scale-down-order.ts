import type { Pod } from '../../api/core'
import {
  compareRanks,
  ranksOf,
  readySince,
  victims,
  type RankedPod,
  type Ranks,
} from './delete-order'

/** One node's pods, in rank order while `sorted`. */
interface NodePods {
  readonly pods: RankedPod[]
  sorted: boolean
}

const byRank = (a: RankedPod, b: RankedPod): number => compareRanks(a.ranks!, b.ranks!)

/**
 * A ReplicaSet's pods by node, each node's kept in rank order. The pods of one
 * node share their count of pods per node, so the first in rank order of the
 * whole set are found by taking, one at a time, the best of the nodes' first
 * ones: a rate-limited scale-down that deletes a couple of pods per sync looks
 * at the first pods of each node rather than ranking them all. Taking pods out
 * keeps a node's order; a node with a new or changed pod is sorted again when
 * next asked.
 */
export class ScaleDownOrder {
  private readonly nodes = new Map<string, NodePods>()
  private size = 0

  add(entry: RankedPod): void {
    const node = nodeOf(entry)
    let group = this.nodes.get(node)
    if (!group) this.nodes.set(node, (group = { pods: [], sorted: true }))
    group.pods.push(entry)
    group.sorted = false
    this.size++
  }

  remove(entry: RankedPod): void {
    const node = nodeOf(entry)
    const group = this.nodes.get(node)!
    group.pods.splice(group.pods.indexOf(entry), 1)
    if (group.pods.length === 0) this.nodes.delete(node)
    this.size--
  }

  /** `entry`'s pod was written again, on the same node: its ranks may have moved. */
  changed(entry: RankedPod): void {
    this.nodes.get(nodeOf(entry))!.sorted = false
  }

  /** The `count` pods a scale-down deletes first, as `victims` ranks them. */
  victims(count: number, nowMs: number): Pod[] {
    const groups = [...this.nodes.values()]
    // Picking among many nodes' first pods costs more than ranking every pod.
    if (count * groups.length >= this.size)
      return victims(
        groups.flatMap((g) => g.pods),
        count,
        nowMs,
      )
    for (const g of groups) prepare(g, nowMs)
    const next = new Int32Array(groups.length)
    const out: Pod[] = []
    while (out.length < count) {
      let best: Ranks | undefined
      let bestGroup = -1
      for (let i = 0; i < groups.length; i++) {
        const pods = groups[i]!.pods
        const head = pods[next[i]!]?.ranks
        if (!head) continue
        // The count that ranks nodes against each other, set on the pods compared.
        head.doubled = pods.length
        if (!best || compareRanks(head, best) < 0) {
          best = head
          bestGroup = i
        }
      }
      if (!best) break
      next[bestGroup]!++
      out.push(best.pod)
    }
    return out
  }
}

/**
 * Ranks the pods of a node that is not in order as of now, and sorts them. A
 * ready pod without a transition time ranks by the time now, so a node holding
 * one is sorted again every time.
 */
function prepare(group: NodePods, nowMs: number): void {
  if (group.sorted) return
  let timeless = false
  for (const entry of group.pods) {
    const r = (entry.ranks ??= ranksOf(entry.pod))
    // All share it: only the order among them counts here.
    r.doubled = group.pods.length
    r.readySince = readySince(r, nowMs)
    if (r.ready && !r.readyAtMs) timeless = true
  }
  group.pods.sort(byRank)
  group.sorted = !timeless
}

function nodeOf(entry: RankedPod): string {
  return entry.pod.spec.nodeName ?? ''
}
