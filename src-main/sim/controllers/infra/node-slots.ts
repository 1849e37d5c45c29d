import type { Node } from '../../api/core'
import { indexOfPodCidr } from '../../infra/node-template'

/**
 * Which node indexes (podCIDR `10.244.<i>.0/24`, address `172.18.0.<i + 2>`)
 * are taken, from the nodes that exist: a joining node gets the lowest free
 * one, as kind's IPAM hands out the next range.
 */
export class NodeSlots {
  private readonly used = new Set<number>()
  private lowestFree = 0

  constructor(nodes: readonly Node[]) {
    for (const node of nodes) this.changed(undefined, node)
  }

  changed(before: Node | undefined, after: Node | undefined): void {
    const was = indexOfPodCidr(before?.spec?.podCIDR)
    const is = indexOfPodCidr(after?.spec?.podCIDR)
    if (was === is) return
    if (was !== undefined) {
      this.used.delete(was)
      this.lowestFree = Math.min(this.lowestFree, was)
    }
    if (is !== undefined) this.used.add(is)
  }

  /** Takes the lowest index no node holds, for a node about to register. */
  take(): number {
    while (this.used.has(this.lowestFree)) this.lowestFree++
    this.used.add(this.lowestFree)
    return this.lowestFree
  }
}
