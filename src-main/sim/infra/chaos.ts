import type { Node } from '../api/core'
import type { VirtualMachine } from '../api/infra'
import { Prng } from '../kernel/prng'
import type { ObjectStore } from '../store/store'
import { type Fault, type FaultTarget, formatFault, inverseOf } from './faults'
import { memoryThreshold } from './node-memory'

/**
 * Chaos with a seed: a series of faults drawn from what the world has, each
 * undone by its inverse after a random down-time, one at a time, like a chaos
 * monkey on a schedule. Pure: the same seed, world and window give the same
 * plan, which is shown before it is carried out, each fault as a spec a user
 * could have written (`hypervisor/hv-b:crash@4m10s`).
 */

/** What chaos may break: the machines, and the workers (the control plane is left alone). */
export interface ChaosWorld {
  hosts: string[]
  hypervisors: string[]
  /** Worker VMs. */
  vms: string[]
  /** Worker nodes, and whether their kubelet evicts for memory. */
  nodes: { name: string; evictsForMemory: boolean }[]
}

export interface ChaosSettings {
  seed: number
  /** How long the plan covers, from the start of the run. */
  windowMs: number
  /** The mean time from one fault to the next. */
  everyMs: number
  /** The longest a fault lasts before its inverse. */
  maxDownMs: number
}

export const DEFAULT_CHAOS_EVERY_MS = 5 * 60_000
const MIN_DOWN_MS = 30_000
/** Quiet time after an inverse before the next fault. */
const SETTLE_MS = 10_000

/** A fault of the plan, at its time from the start of the run. */
export interface ChaosFault {
  spec: string
  fault: Fault
  atMs: number
}

const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane'

/** The world as chaos sees it, from the store. */
export function chaosWorld(store: ObjectStore): ChaosWorld {
  const names = (kind: string) =>
    store
      .list(kind)
      .map((o) => o.metadata.name)
      .sort()
  return {
    hosts: names('Host'),
    hypervisors: names('Hypervisor'),
    vms: store
      .list<VirtualMachine>('VirtualMachine')
      .filter((vm) => vm.spec.node.role !== 'control-plane')
      .map((vm) => vm.metadata.name)
      .sort(),
    nodes: store
      .list<Node>('Node')
      .filter((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] === undefined)
      .map((n) => ({ name: n.metadata.name, evictsForMemory: !!memoryThreshold(store, n) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  }
}

/** A kind of fault chaos may choose, and what it may aim at. */
interface Choice {
  target: FaultTarget
  action: string
  names: string[]
}

/** Every kind of fault chaos may choose in this world; each but a reboot has an inverse. */
function choices(world: ChaosWorld): Choice[] {
  // Losing the only host or hypervisor would take the whole cluster, not a part of it.
  const spare = world.hypervisors.length > 1
  const workers = world.nodes.map((n) => n.name)
  const all: Choice[] = [
    { target: 'host', action: 'power-off', names: world.hosts.length > 1 ? world.hosts : [] },
    { target: 'hypervisor', action: 'crash', names: spare ? world.hypervisors : [] },
    { target: 'vm', action: 'power-off', names: world.vms },
    { target: 'vm', action: 'reboot', names: world.vms },
    { target: 'vm', action: 'migrate', names: spare ? world.vms : [] },
    { target: 'node', action: 'stop-kubelet', names: workers },
    { target: 'node', action: 'partition', names: workers },
    { target: 'node', action: 'drain', names: workers },
    {
      target: 'node',
      action: 'fill-memory',
      names: world.nodes.filter((n) => n.evictsForMemory).map((n) => n.name),
    },
  ]
  return all.filter((c) => c.names.length > 0)
}

/** `4m10s`, `45s`, `1h2m`: whole seconds as Go prints a duration, and `@` accepts. */
export function durationText(ms: number): string {
  let s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : '']
  return parts.join('')
}

function scheduled(fault: Fault, atMs: number): ChaosFault {
  return { spec: `${formatFault(fault)}@${durationText(atMs)}`, fault, atMs }
}

/** The plan: faults one at a time, each with its inverse, all within the window. */
export function planChaos(world: ChaosWorld, settings: ChaosSettings): ChaosFault[] {
  const prng = new Prng(settings.seed)
  const options = choices(world)
  const plan: ChaosFault[] = []
  if (options.length === 0) return plan
  const second = (ms: number) => Math.round(ms / 1000) * 1000
  const gap = () => second(settings.everyMs * (0.5 + prng.next()))
  let atMs = gap()
  while (atMs + MIN_DOWN_MS < settings.windowMs) {
    // A kind of fault first, then what it hits: each kind as likely, however many targets it has.
    const choice = options[prng.int(options.length)]!
    const name = choice.names[prng.int(choice.names.length)]!
    const fault: Fault = { target: choice.target, name, action: choice.action }
    const maxDownMs = Math.max(MIN_DOWN_MS, settings.maxDownMs)
    const downMs = Math.min(
      second(MIN_DOWN_MS + prng.next() * (maxDownMs - MIN_DOWN_MS)),
      settings.windowMs - atMs - 1000,
    )
    plan.push(scheduled(fault, atMs))
    const inverse = inverseOf(fault)
    const endMs = inverse ? atMs + downMs : atMs
    if (inverse) plan.push(scheduled(inverse, endMs))
    atMs = Math.max(atMs + gap(), endMs + SETTLE_MS)
  }
  return plan
}
