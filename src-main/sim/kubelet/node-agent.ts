import type { Node } from '../api/core'

/**
 * The per-node parts of the kubelet and container runtime: the node's address,
 * the pod IPs it hands out from its podCIDR, and the images already pulled.
 */
export class NodeAgent {
  readonly images = new Set<string>()
  private nextHost = 2
  private readonly free: number[] = []

  constructor(
    readonly name: string,
    readonly hostIP: string | undefined,
    private readonly podCidrPrefix: string | undefined,
  ) {}

  static fromNode(node: Node): NodeAgent {
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
    const cidr = node.spec.podCIDR
    const prefix = cidr ? cidr.split('/')[0]!.split('.').slice(0, 3).join('.') : undefined
    return new NodeAgent(node.metadata.name, hostIP, prefix)
  }

  allocateIP(): string | undefined {
    if (!this.podCidrPrefix) return undefined
    const host = this.free.shift() ?? this.nextHost++
    return `${this.podCidrPrefix}.${host}`
  }

  releaseIP(ip: string | undefined): void {
    if (!ip || !this.podCidrPrefix || !ip.startsWith(`${this.podCidrPrefix}.`)) return
    this.free.push(Number(ip.slice(this.podCidrPrefix.length + 1)))
    this.free.sort((a, b) => a - b)
  }
}
