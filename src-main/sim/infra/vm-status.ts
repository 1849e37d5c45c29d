import { parseDurationMs } from '../../shared/duration'
import type { VirtualMachine, VirtualMachineStatus } from '../api/infra'
import type { Condition } from '../api/meta'
import { fromRfc3339, toRfc3339 } from '../kernel/time'
import { amountText, hypervisorCapacity, placementRefusal, vmAmount } from './capacity'
import { conditionOf, removeCondition, setCondition, type ConditionUpdate } from './conditions'
import { DEFAULT_BOOT_TIME } from './defaults'
import { firstCome, type InfraView } from './infra-index'
import { allocatedOn } from './machine-status'

/** What the kubelet on a VM's node should be doing after this step. */
export type KubeletIntent = 'down' | 'start' | 'keep'

export interface VmEvent {
  type: 'Normal' | 'Warning'
  reason: string
  message: string
}

/** One step of a VM's life: its next status, what its kubelet does, when to look again. */
export interface VmStep {
  status: VirtualMachineStatus
  kubelet: KubeletIntent
  event?: VmEvent
  requeueAfterMs?: number
}

export function bootTimeMs(vm: VirtualMachine): number {
  return parseDurationMs(vm.spec.bootTime ?? DEFAULT_BOOT_TIME)
}

/** Why a VM cannot take a place on its hypervisor now, or undefined when it can. */
export function placementBlock(vm: VirtualMachine, view: InfraView): ConditionUpdate | undefined {
  const name = vm.metadata.name
  const hvName = vm.spec.hypervisor
  const blocked = (reason: string, message: string): ConditionUpdate => ({
    type: 'Placed',
    status: 'False',
    reason,
    message,
  })
  const hv = view.hypervisor(hvName)
  if (!hv) {
    const names = view.names('Hypervisor')
    return blocked(
      'HypervisorNotFound',
      `VirtualMachine "${name}": hypervisor "${hvName}" not found (hypervisors: ${names.join(', ') || 'none'})`,
    )
  }
  if (hv.status?.phase !== 'Running') {
    const why = conditionOf(hv.status?.conditions, 'Ready')?.message
    return blocked(
      'HypervisorNotRunning',
      `VirtualMachine "${name}": hypervisor "${hvName}" is ${hv.status?.phase ?? 'Pending'}${why ? `: ${why}` : ''}`,
    )
  }
  const conflict = nodeNameConflict(vm, view)
  if (conflict) return blocked('NodeNameConflict', conflict)
  const capacity = hypervisorCapacity(view.host(hv.spec.host)!, hv)
  const others = allocatedOn(hvName, view, name)
  const refusal = placementRefusal(vm, hv, capacity, others)
  return refusal ? blocked('InsufficientCapacity', refusal) : undefined
}

/** Two VMs may not register one node; a Node that is not this VM's keeps its name too. */
export function nodeNameConflict(vm: VirtualMachine, view: InfraView): string | undefined {
  const nodeName = vm.spec.node.name
  const first = view
    .vmsClaiming(nodeName)
    .filter((o) => o.metadata.name !== vm.metadata.name && firstCome(o, vm) < 0)[0]
  if (first)
    return `VirtualMachine "${vm.metadata.name}": node name "${nodeName}" is already taken by VirtualMachine "${first.metadata.name}"`
  const node = view.node(nodeName)
  if (node && node.spec?.providerID !== providerIdOf(vm))
    return `VirtualMachine "${vm.metadata.name}": node name "${nodeName}" is already taken by Node "${nodeName}", which this VM does not run`
  return undefined
}

export function providerIdOf(vm: VirtualMachine): string {
  return `drydock://${vm.metadata.name}`
}

/** A change that a running VM takes only at its next boot, as KubeVirt's `RestartRequired` says. */
function restartRequired(vm: VirtualMachine): string | undefined {
  const s = vm.status!
  const changed: string[] = []
  // A live migration moved it, not a change of spec: where it was placed is what the spec is held to.
  if ((s.migratedFrom ?? s.hypervisor) !== vm.spec.hypervisor) changed.push('hypervisor')
  const want = amountText(vmAmount(vm))
  if (s.allocated && s.allocated.cpu !== want.cpu) changed.push('vcpus')
  if (s.allocated && s.allocated.memory !== want.memory) changed.push('memory')
  if (s.nodeName && s.nodeName !== vm.spec.node.name) changed.push('node name')
  return changed.length > 0
    ? `a change of ${changed.join(', ')} takes effect at the next boot`
    : undefined
}

function ready(
  conditions: readonly Condition[] | undefined,
  ok: boolean,
  reason: string,
  message: string,
  nowText: string,
) {
  return setCondition(
    conditions,
    { type: 'Ready', status: ok ? 'True' : 'False', reason, message },
    nowText,
  )
}

/** A VM that stops gives its place back: `Placed` says why it holds none. */
function released(cur: VirtualMachineStatus, reason: string, message: string, nowText: string) {
  return setCondition(cur.conditions, { type: 'Placed', status: 'False', reason, message }, nowText)
}

/**
 * The next step of a VM's life, from its status and the world: power and
 * placement first, then the boot, then the running guest whose kubelet
 * registers the node. What the VM holds is released as soon as it stops.
 */
export function nextVmStep(vm: VirtualMachine, view: InfraView, nowMs: number): VmStep {
  const nowText = toRfc3339(nowMs)
  const cur: VirtualMachineStatus = vm.status ?? { phase: 'Provisioning', powerState: 'On' }
  const keep = cur.nodeName ? { nodeName: cur.nodeName } : {}
  if (cur.powerState === 'Off') {
    return {
      status: {
        phase: 'Stopped',
        powerState: 'Off',
        ...keep,
        conditions: ready(
          released(cur, 'PoweredOff', 'its place is released while it is powered off', nowText),
          false,
          'PoweredOff',
          'the VM is powered off',
          nowText,
        ),
      },
      kubelet: 'down',
      ...(cur.phase !== 'Stopped'
        ? { event: { type: 'Normal', reason: 'Stopped', message: 'Powered off' } }
        : {}),
    }
  }
  if ((cur.phase === 'Booting' || cur.phase === 'Running') && cur.hypervisor)
    return placedStep(vm, cur, view, nowMs)
  return waitingStep(vm, cur, view, nowMs)
}

function placedStep(
  vm: VirtualMachine,
  cur: VirtualMachineStatus,
  view: InfraView,
  nowMs: number,
): VmStep {
  const nowText = toRfc3339(nowMs)
  const hvName = cur.hypervisor!
  const hv = view.hypervisor(hvName)
  if (!hv || hv.status?.phase !== 'Running') {
    const why = hv
      ? `hypervisor "${hvName}" is ${hv.status?.phase ?? 'Pending'}`
      : `hypervisor "${hvName}" is gone`
    return {
      status: {
        phase: 'Stopped',
        powerState: 'On',
        ...(cur.nodeName ? { nodeName: cur.nodeName } : {}),
        conditions: ready(
          released(cur, 'HypervisorNotRunning', why, nowText),
          false,
          'HypervisorNotRunning',
          why,
          nowText,
        ),
      },
      kubelet: 'down',
      event: { type: 'Warning', reason: 'Stopped', message: `Stopped: ${why}` },
    }
  }
  const restart = restartRequired(vm)
  if (cur.phase === 'Booting' && restart) {
    // A boot is when a changed spec takes effect: the VM takes its place again as now declared.
    const { hypervisor: _hv, allocated: _held, ...released } = cur
    const conditions = removeCondition(cur.conditions, 'RestartRequired')
    return waitingStep(vm, { ...released, phase: 'Provisioning', conditions }, view, nowMs)
  }
  const conditions = restart
    ? setCondition(
        cur.conditions,
        { type: 'RestartRequired', status: 'True', reason: 'SpecChanged', message: restart },
        nowText,
      )
    : removeCondition(cur.conditions, 'RestartRequired')
  if (cur.phase === 'Running') return { status: { ...cur, conditions }, kubelet: 'keep' }
  const bootMs = bootTimeMs(vm)
  const doneAt = fromRfc3339(cur.bootStartedAt ?? nowText) + bootMs
  if (nowMs < doneAt)
    return { status: { ...cur, conditions }, kubelet: 'down', requeueAfterMs: doneAt - nowMs }
  const nodeName = vm.spec.node.name
  return {
    status: {
      ...cur,
      phase: 'Running',
      nodeName,
      conditions: ready(
        conditions,
        true,
        'Running',
        `the guest is up; its kubelet runs node "${nodeName}"`,
        nowText,
      ),
    },
    kubelet: 'start',
    event: {
      type: 'Normal',
      reason: 'Started',
      message: `Booted in ${Math.round(bootMs / 1000)}s; node "${nodeName}" is starting`,
    },
  }
}

function waitingStep(
  vm: VirtualMachine,
  cur: VirtualMachineStatus,
  view: InfraView,
  nowMs: number,
): VmStep {
  const nowText = toRfc3339(nowMs)
  const keep = cur.nodeName ? { nodeName: cur.nodeName } : {}
  const block = placementBlock(vm, view)
  if (block) {
    // A VM stopped under it stays Stopped until it boots again; a new one is still being provisioned.
    const phase = cur.phase === 'Stopped' ? 'Stopped' : 'Provisioning'
    const before = conditionOf(cur.conditions, 'Placed')
    let conditions = setCondition(cur.conditions, block, nowText)
    if (phase === 'Provisioning')
      conditions = ready(
        conditions,
        false,
        'Provisioning',
        'waiting for a place on a hypervisor',
        nowText,
      )
    // A VM that stopped with its hypervisor said so already; it waits for it quietly.
    const quiet = phase === 'Stopped' && block.reason === 'HypervisorNotRunning'
    return {
      status: { phase, powerState: 'On', ...keep, conditions },
      kubelet: 'down',
      ...(before?.message !== block.message && !quiet
        ? { event: { type: 'Warning', reason: 'FailedPlacement', message: block.message } }
        : {}),
    }
  }
  const hvName = vm.spec.hypervisor
  const bootMs = bootTimeMs(vm)
  let conditions = setCondition(
    cur.conditions,
    {
      type: 'Placed',
      status: 'True',
      reason: 'Placed',
      message: `placed on hypervisor "${hvName}"`,
    },
    nowText,
  )
  conditions = ready(
    conditions,
    false,
    'Booting',
    `booting (${Math.round(bootMs / 1000)}s)`,
    nowText,
  )
  return {
    status: {
      phase: 'Booting',
      powerState: 'On',
      hypervisor: hvName,
      allocated: amountText(vmAmount(vm)),
      ...keep,
      bootStartedAt: nowText,
      conditions,
    },
    kubelet: 'down',
    event: { type: 'Normal', reason: 'Booting', message: `Booting on hypervisor "${hvName}"` },
    requeueAfterMs: bootMs,
  }
}
