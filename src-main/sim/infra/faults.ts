import type { Node, Pod } from '../api/core'
import type { Host, Hypervisor, VirtualMachine } from '../api/infra'
import type { KubeObject } from '../api/meta'
import { toRfc3339 } from '../kernel/time'
import type { ObjectStore } from '../store/store'
import { drainNode, setCordon } from './drain'
import { fillMemory, freeMemory } from './memory-faults'
import { migrateBack, migrateVm } from './migration'
import { FaultError, type FaultWorld, writeStatus } from './fault-world'
import { deletePod, findPod, killContainer, parseContainerName, parsePodName } from './pod-faults'

export { FaultError, type FaultWorld } from './fault-world'

/**
 * Faults at every layer below the pods, as plain operations on the simulated
 * world, each with its inverse: what the CLI's `--fault hypervisor/hv-a:crash`
 * and a chaos schedule call. A fault changes only what the world is (a status,
 * a kubelet process); the controllers carry its consequences up the stack with
 * Kubernetes' timings. The caller lets the simulation settle afterwards.
 */

export type FaultTarget = 'host' | 'hypervisor' | 'vm' | 'node' | 'pod' | 'container'

export interface Fault {
  target: FaultTarget
  name: string
  action: string
}

interface Action {
  inverse?: string
  /** A fault written `<action><name>` (`migrate-to-hv-b`): what the name after it names. */
  takesName?: string
  /**
   * Carries the fault out; returns what happened, in words. `name` is the
   * target as the fault wrote it; `arg` the name after a `takesName` action.
   */
  carryOut(world: FaultWorld, obj: KubeObject, name: string, arg?: string): string
}

interface TargetDef {
  kind: 'Host' | 'Hypervisor' | 'VirtualMachine' | 'Node' | 'Pod'
  plural: string
  actions: Record<string, Action>
  /** How its names are written, when not as one plain name. */
  form?: { example: string; valid: (name: string) => boolean }
  /**
   * Finds what a name points at, when not by plain name: pods, found when the
   * fault is due (they come and go), not when it is scheduled.
   */
  find?: (store: ObjectStore, name: string) => KubeObject
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
      migrate: { inverse: 'migrate-back', carryOut: (w, o) => migrateVm(w, o as VirtualMachine) },
      'migrate-to-': {
        inverse: 'migrate-back',
        takesName: 'hypervisor',
        carryOut: (w, o, _name, hv) => migrateVm(w, o as VirtualMachine, hv),
      },
      'migrate-back': { carryOut: (w, o) => migrateBack(w, o as VirtualMachine) },
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
      partition: { inverse: 'reconnect', carryOut: (w, o) => partition(w, o as Node) },
      reconnect: { inverse: 'partition', carryOut: (w, o) => reconnect(w, o as Node) },
      'fill-memory': { inverse: 'free-memory', carryOut: (w, o) => fillMemory(w, o as Node) },
      'free-memory': { inverse: 'fill-memory', carryOut: (w, o) => freeMemory(w, o as Node) },
    },
  },
  pod: {
    kind: 'Pod',
    plural: 'pods',
    form: {
      example: 'pod/<name> or pod/<namespace>/<name>',
      valid: (name) => parsePodName(name) !== undefined,
    },
    find: (store, name) => findPod(store, parsePodName(name)!),
    actions: {
      delete: { carryOut: (w, o) => deletePod(w, o as Pod) },
      kill: { carryOut: (w, o) => killContainer(w, o as Pod) },
    },
  },
  container: {
    kind: 'Pod',
    plural: 'containers',
    form: {
      example: 'container/<pod>/<container> or container/<namespace>/<pod>/<container>',
      valid: (name) => parseContainerName(name) !== undefined,
    },
    find: (store, name) => findPod(store, parseContainerName(name)!),
    actions: {
      kill: {
        carryOut: (w, o, name) => killContainer(w, o as Pod, parseContainerName(name)!.container),
      },
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

/** The node is cut off: its kubelet runs on, unheard, and its pods serve no one. */
function partition(world: FaultWorld, node: Node): string {
  const name = node.metadata.name
  if (!world.network.isolate(name, world.clock.nowMs()))
    return `node/${name} is already cut off from the network`
  return `node/${name} cut off from the network`
}

function reconnect(world: FaultWorld, node: Node): string {
  const name = node.metadata.name
  if (!world.network.reconnect(name, world.clock.nowMs()))
    return `node/${name} is not cut off from the network`
  return `node/${name} reconnected to the network`
}

const TARGET_NAMES = Object.keys(TARGETS) as FaultTarget[]

/** The action a fault names, and the name after a `takesName` one (`migrate-to-hv-b` → hv-b). */
function actionOf(def: TargetDef, action: string): { action: Action; arg?: string } | undefined {
  const exact = def.actions[action]
  if (exact && !exact.takesName) return { action: exact }
  for (const [prefix, a] of Object.entries(def.actions))
    if (a.takesName && action.startsWith(prefix) && action.length > prefix.length)
      return { action: a, arg: action.slice(prefix.length) }
  return undefined
}

/** `migrate, migrate-to-<hypervisor>, migrate-back`: the faults as a user writes them. */
function actionList(def: TargetDef): string {
  return Object.entries(def.actions)
    .map(([name, a]) => (a.takesName ? `${name}<${a.takesName}>` : name))
    .join(', ')
}

/** `hypervisor/hv-a:crash` → the fault it names; unknown targets and actions are refused with the known ones. */
export function parseFault(spec: string): Fault {
  const m = /^([a-z-]+)\/([^:]+):([a-z0-9.-]+)$/.exec(spec.trim())
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
  if (!actionOf(def, m[3]!))
    throw new FaultError(`unknown fault "${m[3]}" for a ${target}: faults are ${actionList(def)}`)
  if (def.form && !def.form.valid(m[2]!))
    throw new FaultError(`invalid ${target} "${m[2]}" in "${spec}": write ${def.form.example}`)
  return { target, name: m[2]!, action: m[3]! }
}

export function formatFault(fault: Fault): string {
  return `${fault.target}/${fault.name}:${fault.action}`
}

/** The fault that undoes this one (`crash` ↔ `recover`); a reboot has none. */
export function inverseOf(fault: Fault): Fault | undefined {
  const def = TARGETS[fault.target]
  const inverse = def && actionOf(def, fault.action)?.action.inverse
  return inverse ? { ...fault, action: inverse } : undefined
}

/**
 * Whether what a fault names can be looked up before it is due: machines and
 * nodes can; pods come and go, and are looked up when it is.
 */
export function knownInAdvance(fault: Fault): boolean {
  return TARGETS[fault.target]?.find === undefined
}

/** The object a fault is aimed at; one that does not exist is refused with the names that do. */
export function faultTarget(store: ObjectStore, fault: Fault): KubeObject {
  const def = TARGETS[fault.target]
  if (!def || !actionOf(def, fault.action)) parseFault(formatFault(fault))
  if (def.find) return def.find(store, fault.name)
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
  const { action, arg } = actionOf(TARGETS[fault.target], fault.action)!
  return action.carryOut(world, obj, fault.name, arg)
}
