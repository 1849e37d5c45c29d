/**
 * Memory taken on a node by something outside Kubernetes (a process started
 * by hand, a leaking system daemon): the world's state, not an API object.
 * The kubelet's eviction manager sees it only as less `memory.available`.
 */
export class OutsideMemory {
  private readonly eaten = new Map<string, number>()
  private readonly listeners: ((nodeName: string) => void)[] = []

  subscribe(listener: (nodeName: string) => void): void {
    this.listeners.push(listener)
  }

  /** Bytes taken on the node outside Kubernetes. */
  bytes(nodeName: string): number {
    return this.eaten.get(nodeName) ?? 0
  }

  /** Something outside Kubernetes now holds `bytes` on the node. */
  set(nodeName: string, bytes: number): void {
    if (bytes > 0) this.eaten.set(nodeName, bytes)
    else this.eaten.delete(nodeName)
    for (const listener of this.listeners) listener(nodeName)
  }
}
