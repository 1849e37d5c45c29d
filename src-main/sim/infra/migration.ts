import type { Hypervisor, VirtualMachine } from '../api/infra'
import { toRfc3339 } from '../kernel/time'
import { hypervisorCapacity, placementRefusal } from './capacity'
import { setCondition } from './conditions'
import { FaultError, type FaultWorld } from './fault-world'
import { InfraIndex, type InfraView } from './infra-index'
import { allocatedOn } from './machine-status'

/**
 * Live migration of a running VM to another hypervisor, as vMotion or a
 * KubeVirt migration does it: memory is copied while the guest runs, so its
 * kubelet never stops, its node stays Ready and its pods keep running.
 * Kubernetes never notices. The VM holds its place on the new hypervisor, so a
 * crash of the old one no longer touches it and a crash of the new one does;
 * its spec is left as Git says, and `migratedFrom` remembers where it came from.
 */

/** How full a hypervisor is: its fuller resource, as a share of what it can give. */
function load(hv: Hypervisor, view: InfraView): number {
  const total = hypervisorCapacity(view.host(hv.spec.host)!, hv).total
  const held = allocatedOn(hv.metadata.name, view)
  const share = (used: number, of: number) => (of > 0 ? used / of : Infinity)
  return Math.max(
    share(held.cpuMillis, total.cpuMillis),
    share(held.memoryBytes, total.memoryBytes),
  )
}

/** Why the VM cannot move to `hv`, or undefined when it can. */
function refusal(vm: VirtualMachine, hv: Hypervisor, view: InfraView): string | undefined {
  const phase = hv.status?.phase ?? 'Pending'
  if (phase !== 'Running') return `hypervisor "${hv.metadata.name}" is ${phase}`
  const host = view.host(hv.spec.host)
  if (!host) return `hypervisor "${hv.metadata.name}" has no host`
  return placementRefusal(vm, hv, hypervisorCapacity(host, hv), allocatedOn(hv.metadata.name, view))
}

function running(vm: VirtualMachine): string {
  const ref = `vm/${vm.metadata.name}`
  const phase = vm.status?.phase ?? 'Provisioning'
  if (phase !== 'Running' || !vm.status?.hypervisor)
    throw new FaultError(
      `cannot migrate ${ref}: it is ${phase}; only a running VM can be live-migrated`,
    )
  return vm.status.hypervisor
}

/**
 * Moves a running VM to `to`, or to the least loaded other running hypervisor
 * that can give it its vCPUs and memory (with over-commit); one that cannot is
 * refused with the figures.
 */
export function migrateVm(world: FaultWorld, vm: VirtualMachine, to?: string): string {
  const ref = `vm/${vm.metadata.name}`
  const from = running(vm)
  const view = new InfraIndex(world.store)
  let target: Hypervisor
  if (to !== undefined) {
    const hv = view.hypervisor(to)
    if (!hv)
      throw new FaultError(
        `cannot migrate ${ref}: hypervisor "${to}" not found: hypervisors are ${view.names('Hypervisor').join(', ')}`,
      )
    if (to === from)
      throw new FaultError(`cannot migrate ${ref}: it already runs on hypervisor "${to}"`)
    const why = refusal(vm, hv, view)
    if (why) throw new FaultError(`cannot migrate ${ref}: ${why}`)
    target = hv
  } else {
    const others = world.store
      .list<Hypervisor>('Hypervisor')
      .filter((hv) => hv.metadata.name !== from)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    const refusals: string[] = []
    const fitting: Hypervisor[] = []
    for (const hv of others) {
      const why = refusal(vm, hv, view)
      if (why) refusals.push(why)
      else fitting.push(hv)
    }
    if (fitting.length === 0)
      throw new FaultError(
        `cannot migrate ${ref}: no other running hypervisor can take it${
          refusals.length > 0 ? `: ${refusals.join('; ')}` : ''
        }`,
      )
    target = fitting.reduce((best, hv) => (load(hv, view) < load(best, view) ? hv : best))
  }
  return move(world, vm, from, target.metadata.name)
}

/** Moves a VM that was live-migrated back to the hypervisor it first ran on. */
export function migrateBack(world: FaultWorld, vm: VirtualMachine): string {
  const ref = `vm/${vm.metadata.name}`
  running(vm)
  const origin = vm.status?.migratedFrom
  if (!origin) return `${ref} has not been migrated`
  return migrateVm(world, vm, origin)
}

function move(world: FaultWorld, vm: VirtualMachine, from: string, to: string): string {
  const origin = vm.status?.migratedFrom ?? from
  const nowText = toRfc3339(world.clock.nowMs())
  const conditions = setCondition(
    vm.status?.conditions,
    {
      type: 'Placed',
      status: 'True',
      reason: origin === to ? 'Placed' : 'Migrated',
      message:
        origin === to
          ? `placed on hypervisor "${to}"`
          : `live-migrated to hypervisor "${to}" from "${from}"`,
    },
    nowText,
  )
  const { migratedFrom: _was, ...status } = vm.status!
  world.store.updateStatus<VirtualMachine>({
    ...vm,
    metadata: { ...vm.metadata, resourceVersion: undefined },
    status: {
      ...status,
      hypervisor: to,
      ...(origin === to ? {} : { migratedFrom: origin }),
      conditions,
    },
  })
  return `vm/${vm.metadata.name} live-migrated from hypervisor "${from}" to "${to}"`
}
