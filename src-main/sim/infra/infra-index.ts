import type { Node } from '../api/core'
import type { Host, Hypervisor, VirtualMachine } from '../api/infra'
import type { KubeObject } from '../api/meta'
import type { ObjectStore } from '../store/store'

/** What the infrastructure status rules read: the objects, and who points at whom. */
export interface InfraView {
  host(name: string): Host | undefined
  hypervisor(name: string): Hypervisor | undefined
  node(name: string): Node | undefined
  /** Names for the messages that say what exists, sorted. */
  names(kind: 'Host' | 'Hypervisor'): string[]
  /** Hypervisors whose spec names this host. */
  hypervisorsOn(host: string): Hypervisor[]
  /** VMs whose spec names this hypervisor. */
  vmsFor(hypervisor: string): VirtualMachine[]
  /** VMs holding a place on this hypervisor (booting or running). */
  vmsPlacedOn(hypervisor: string): VirtualMachine[]
  /** VMs whose spec names this node. */
  vmsClaiming(nodeName: string): VirtualMachine[]
}

class MultiMap {
  private readonly map = new Map<string, Set<string>>()

  move(before: string | undefined, after: string | undefined, value: string): void {
    if (before === after) return
    if (before !== undefined) {
      const set = this.map.get(before)
      set?.delete(value)
      if (set?.size === 0) this.map.delete(before)
    }
    if (after !== undefined) {
      let set = this.map.get(after)
      if (!set) this.map.set(after, (set = new Set()))
      set.add(value)
    }
  }

  get(key: string): readonly string[] {
    const set = this.map.get(key)
    return set ? [...set] : []
  }
}

/** A VM holds resources on its hypervisor while it boots or runs. */
export function placementOf(vm: VirtualMachine | undefined): string | undefined {
  const s = vm?.status
  return s && (s.phase === 'Booting' || s.phase === 'Running') ? s.hypervisor : undefined
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * The references between infrastructure objects, kept up to date from the
 * store's changes, so a reconcile looks up what points at an object instead of
 * listing every object of a kind.
 */
export class InfraIndex implements InfraView {
  private readonly hypervisorsByHost = new MultiMap()
  private readonly vmsByHypervisor = new MultiMap()
  private readonly vmsByPlacement = new MultiMap()
  private readonly vmsByNode = new MultiMap()

  constructor(private readonly store: ObjectStore) {
    for (const kind of ['Hypervisor', 'VirtualMachine'])
      for (const obj of store.list(kind)) this.observe(undefined, obj)
  }

  /** Takes in one change: `before` is undefined for an addition, `after` for a deletion. */
  observe(before: KubeObject | undefined, after: KubeObject | undefined): void {
    const obj = (after ?? before)!
    const name = obj.metadata.name
    if (obj.kind === 'Hypervisor') {
      const b = before as Hypervisor | undefined
      const a = after as Hypervisor | undefined
      this.hypervisorsByHost.move(str(b?.spec?.host), str(a?.spec?.host), name)
    } else if (obj.kind === 'VirtualMachine') {
      const b = before as VirtualMachine | undefined
      const a = after as VirtualMachine | undefined
      this.vmsByHypervisor.move(str(b?.spec?.hypervisor), str(a?.spec?.hypervisor), name)
      this.vmsByPlacement.move(placementOf(b), placementOf(a), name)
      this.vmsByNode.move(str(b?.spec?.node?.name), str(a?.spec?.node?.name), name)
    }
  }

  host(name: string): Host | undefined {
    return this.store.get<Host>('Host', undefined, name)
  }

  hypervisor(name: string): Hypervisor | undefined {
    return this.store.get<Hypervisor>('Hypervisor', undefined, name)
  }

  node(name: string): Node | undefined {
    return this.store.get<Node>('Node', undefined, name)
  }

  names(kind: 'Host' | 'Hypervisor'): string[] {
    return this.store
      .list(kind)
      .map((o) => o.metadata.name)
      .sort()
  }

  hypervisorsOn(host: string): Hypervisor[] {
    return this.objects<Hypervisor>('Hypervisor', this.hypervisorsByHost.get(host))
  }

  vmsFor(hypervisor: string): VirtualMachine[] {
    return this.objects<VirtualMachine>('VirtualMachine', this.vmsByHypervisor.get(hypervisor))
  }

  vmsPlacedOn(hypervisor: string): VirtualMachine[] {
    return this.objects<VirtualMachine>('VirtualMachine', this.vmsByPlacement.get(hypervisor))
  }

  vmsClaiming(nodeName: string): VirtualMachine[] {
    return this.objects<VirtualMachine>('VirtualMachine', this.vmsByNode.get(nodeName))
  }

  private objects<T extends KubeObject>(kind: string, names: readonly string[]): T[] {
    const out: T[] = []
    for (const name of names) {
      const obj = this.store.get<T>(kind, undefined, name)
      if (obj) out.push(obj)
    }
    return out
  }
}

/** Who came first, and so keeps a contested host or node name: the older object, then the name. */
export function firstCome(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? ''
  const tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}
