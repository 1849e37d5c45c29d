import type { Node } from '../api/core'
import type { Host, Hypervisor, VirtualMachine } from '../api/infra'
import type { KubeObject } from '../api/meta'
import type { VirtualClock } from '../kernel/clock'
import { toRfc3339 } from '../kernel/time'
import type { ObjectStore } from '../store/store'
import { drainNode, setCordon } from './drain'
import type { KubeletProcesses } from './kubelet-processes'

/**
 * Faults at every layer below the pods, as plain operations on the simulated
 * world, each with its inverse: what the CLI's `--fault hypervisor/hv-a:crash`
 * and a chaos schedule call. A fault changes only what the world is (a status,
 * a kubelet process); the controllers carry its consequences up the stack with
 * Kubernetes' timings. The caller lets the simulation settle afterwards.
 */

export type FaultTarget = 'host' | 'hypervisor' | 'vm' | 'node'

export interface Fault {
  target: FaultTarget
  name: string
  action: string
}

/** A fault that cannot be carried out, with what would have made sense instead. */
export class FaultError extends Error {}

export interface FaultWorld {
  store: ObjectStore
  clock: VirtualClock
  kubelets: KubeletProcesses
}

interface Action {
  inverse?: string
  /** Carries the fault out; returns what happened, in words. */
  carryOut(world: FaultWorld, obj: KubeObject): string
}

interface TargetDef {
  kind: 'Host' | 'Hypervisor' | 'VirtualMachine' | 'Node'
  plural: string
  actions: Record<string, Action>
}

function writeStatus<T extends KubeObject>(world: FaultWorld, obj: T, status: object): void {
  world.store.updateStatus<T>({
    ...obj,
    metadata: { ...obj.metadata, resourceVersion: undefined },
    status: { ...(obj.status as object), ...status },
  })
}

const TARGETS: Record<FaultTarget, TargetDef> = {
  host: {
    kind: 'Host',
    plural: 'hosts',
    actions: {
      'power-off': { inverse: 'power-on', carryOut: (w, o) => power(w, o as Host, 'Off', 'host') },
      'power-on': { inverse: 'power-off', carryOut: (w, o) => power(w, o as Host, 'On', 'host') },
    },
  },
  hypervisor: {
    kind: 'Hypervisor',
    plural: 'hypervisors',
    actions: {
      crash: { inverse: 'recover', carryOut: (w, o) => crash(w, o as Hypervisor) },
      recover: { inverse: 'crash', carryOut: (w, o) => recover(w, o as Hypervisor) },
    },
  },
  vm: {
    kind: 'VirtualMachine',
    plural: 'VMs',
    actions: {
      'power-off': {
        inverse: 'power-on',
        carryOut: (w, o) => power(w, o as VirtualMachine, 'Off', 'vm'),
      },
      'power-on': {
        inverse: 'power-off',
        carryOut: (w, o) => power(w, o as VirtualMachine, 'On', 'vm'),
      },
      reboot: { carryOut: (w, o) => reboot(w, o as VirtualMachine) },
    },
  },
  node: {
    kind: 'Node',
    plural: 'nodes',
    actions: {
      'stop-kubelet': { inverse: 'start-kubelet', carryOut: (w, o) => stopKubelet(w, o as Node) },
      'start-kubelet': { inverse: 'stop-kubelet', carryOut: (w, o) => startKubelet(w, o as Node) },
      cordon: { inverse: 'uncordon', carryOut: (w, o) => setCordon(w, o as Node, true) },
      uncordon: { inverse: 'cordon', carryOut: (w, o) => setCordon(w, o as Node, false) },
      drain: { inverse: 'uncordon', carryOut: (w, o) => drainNode(w, o as Node) },
    },
  },
}

function power(world: FaultWorld, obj: Host | VirtualMachine, to: 'On' | 'Off', target: string) {
  const ref = `${target}/${obj.metadata.name}`
  if ((obj.status?.powerState ?? 'On') === to)
    return `${ref} is already powered ${to.toLowerCase()}`
  writeStatus(world, obj, { powerState: to })
  return `${ref} powered ${to.toLowerCase()}`
}

function crash(world: FaultWorld, hv: Hypervisor): string {
  const ref = `hypervisor/${hv.metadata.name}`
  const phase = hv.status?.phase ?? 'Pending'
  if (phase === 'Crashed') return `${ref} has already crashed`
  if (phase !== 'Running') throw new FaultError(`cannot crash ${ref}: it is ${phase}, not Running`)
  writeStatus(world, hv, { phase: 'Crashed' })
  return `${ref} crashed`
}

function recover(world: FaultWorld, hv: Hypervisor): string {
  const ref = `hypervisor/${hv.metadata.name}`
  if (hv.status?.phase !== 'Crashed') return `${ref} has not crashed`
  writeStatus(world, hv, { phase: 'Running' })
  return `${ref} recovered`
}

function reboot(world: FaultWorld, vm: VirtualMachine): string {
  const ref = `vm/${vm.metadata.name}`
  const phase = vm.status?.phase ?? 'Provisioning'
  if (phase !== 'Running' && phase !== 'Booting')
    throw new FaultError(`cannot reboot ${ref}: it is ${phase}; power it on instead`)
  writeStatus(world, vm, { phase: 'Booting', bootStartedAt: toRfc3339(world.clock.nowMs()) })
  return `${ref} rebooting`
}

function stopKubelet(world: FaultWorld, node: Node): string {
  const name = node.metadata.name
  const state = world.kubelets.state(name)
  if (state !== 'running') return `the kubelet of node/${name} is not running`
  world.kubelets.stop(name, world.clock.nowMs(), false)
  return `the kubelet of node/${name} stopped`
}

function startKubelet(world: FaultWorld, node: Node): string {
  const name = node.metadata.name
  const state = world.kubelets.state(name)
  if (state === 'running') return `the kubelet of node/${name} is already running`
  if (state === 'down')
    throw new FaultError(
      `cannot start the kubelet of node/${name}: its machine is down; power its VM on or recover what is under it`,
    )
  world.kubelets.start(name, world.clock.nowMs())
  return `the kubelet of node/${name} started`
}

const TARGET_NAMES = Object.keys(TARGETS) as FaultTarget[]

/** `hypervisor/hv-a:crash` → the fault it names; unknown targets and actions are refused with the known ones. */
export function parseFault(spec: string): Fault {
  const m = /^([a-z-]+)\/([^:]+):([a-z-]+)$/.exec(spec.trim())
  if (!m)
    throw new FaultError(
      `invalid fault "${spec}": write <target>/<name>:<fault>, e.g. hypervisor/hv-a:crash`,
    )
  const target = (m[1] === 'virtualmachine' ? 'vm' : m[1]) as FaultTarget
  const def = TARGETS[target]
  if (!def)
    throw new FaultError(
      `unknown fault target "${m[1]}" in "${spec}": targets are ${TARGET_NAMES.join(', ')}`,
    )
  if (!def.actions[m[3]!])
    throw new FaultError(
      `unknown fault "${m[3]}" for a ${target}: faults are ${Object.keys(def.actions).join(', ')}`,
    )
  return { target, name: m[2]!, action: m[3]! }
}

export function formatFault(fault: Fault): string {
  return `${fault.target}/${fault.name}:${fault.action}`
}

/** The fault that undoes this one (`crash` ↔ `recover`); a reboot has none. */
export function inverseOf(fault: Fault): Fault | undefined {
  const inverse = TARGETS[fault.target]?.actions[fault.action]?.inverse
  return inverse ? { ...fault, action: inverse } : undefined
}

/** The object a fault is aimed at; one that does not exist is refused with the names that do. */
export function faultTarget(store: ObjectStore, fault: Fault): KubeObject {
  const def = TARGETS[fault.target]
  if (!def?.actions[fault.action]) parseFault(formatFault(fault))
  const obj = store.get(def.kind, undefined, fault.name)
  if (obj) return obj
  const names = store
    .list(def.kind)
    .map((o) => o.metadata.name)
    .sort()
  const exists =
    names.length > 0 ? `${def.plural} are ${names.join(', ')}` : `there are no ${def.plural}`
  throw new FaultError(`${fault.target} "${fault.name}" not found: ${exists}`)
}

/** Carries a fault out on the world; returns what happened. */
export function applyFault(world: FaultWorld, fault: Fault): string {
  const obj = faultTarget(world.store, fault)
  return TARGETS[fault.target].actions[fault.action]!.carryOut(world, obj)
}
