/**
 * Which nodes are cut off from the rest of the cluster's network: a partition
 * is the world's state, not an API object, as a pulled cable is. A node cut
 * off keeps running (its kubelet, its containers) but reaches nothing and
 * nothing reaches it: the API server hears no more of its kubelet, and a
 * request sent to one of its pods times out.
 */
export interface PartitionChange {
  nodeName: string
  isolated: boolean
  atMs: number
}

export class NetworkPartitions {
  /** Isolated node → since when. */
  private readonly cut = new Map<string, number>()
  private readonly listeners: ((change: PartitionChange) => void)[] = []

  subscribe(listener: (change: PartitionChange) => void): void {
    this.listeners.push(listener)
  }

  /** Whether the node is cut off: nothing it sends or is sent arrives. */
  isolated(nodeName: string): boolean {
    return this.cut.has(nodeName)
  }

  isolatedSinceMs(nodeName: string): number | undefined {
    return this.cut.get(nodeName)
  }

  /** The nodes cut off now, sorted. */
  isolatedNodes(): string[] {
    return [...this.cut.keys()].sort()
  }

  /** Cuts a node off; false when it was already. */
  isolate(nodeName: string, nowMs: number): boolean {
    if (this.cut.has(nodeName)) return false
    this.cut.set(nodeName, nowMs)
    this.emit({ nodeName, isolated: true, atMs: nowMs })
    return true
  }

  /** Joins a node to the network again; false when it was not cut off. */
  reconnect(nodeName: string, nowMs: number): boolean {
    if (!this.cut.delete(nodeName)) return false
    this.emit({ nodeName, isolated: false, atMs: nowMs })
    return true
  }

  private emit(change: PartitionChange): void {
    for (const listener of this.listeners) listener(change)
  }
}
