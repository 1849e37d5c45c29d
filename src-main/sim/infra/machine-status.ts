import type {
  Host,
  HostStatus,
  Hypervisor,
  HypervisorPhase,
  HypervisorStatus,
  VirtualMachine,
} from '../api/infra'
import { bytes, cpuMillis } from '../api/quantity'
import { addAmounts, amountText, hypervisorCapacity, ZERO, type Amount } from './capacity'
import { setCondition } from './conditions'
import { firstCome, type InfraView } from './infra-index'

/**
 * The status of hosts and hypervisors, rebuilt from what they are and what
 * runs on them. Pure: given the same world it gives the same status, so a
 * status with nothing new equals the stored one and writes nothing.
 */

/** The hypervisor that runs on a host: the first that named it; later ones wait. */
export function hostOwner(host: string, view: InfraView): Hypervisor | undefined {
  return view.hypervisorsOn(host).sort(firstCome)[0]
}

/** What the VMs holding a place on a hypervisor hold, in all. */
export function allocatedOn(hypervisor: string, view: InfraView, except?: string): Amount {
  let total = ZERO
  for (const vm of view.vmsPlacedOn(hypervisor)) {
    if (vm.metadata.name === except) continue
    total = addAmounts(total, heldBy(vm))
  }
  return total
}

function heldBy(vm: VirtualMachine): Amount {
  const a = vm.status?.allocated
  return a ? { cpuMillis: cpuMillis(a.cpu), memoryBytes: bytes(a.memory) } : ZERO
}

export function hostStatus(host: Host, view: InfraView, nowText: string): HostStatus {
  const powerState = host.status?.powerState ?? 'On'
  const owner = hostOwner(host.metadata.name, view)
  const on = powerState === 'On'
  return {
    powerState,
    ...(owner ? { hypervisor: owner.metadata.name } : {}),
    allocated: amountText(owner ? allocatedOn(owner.metadata.name, view) : ZERO),
    conditions: setCondition(
      host.status?.conditions,
      {
        type: 'Ready',
        status: on ? 'True' : 'False',
        reason: on ? 'PoweredOn' : 'PoweredOff',
        message: on ? 'the host is powered on' : 'the host is powered off',
      },
      nowText,
    ),
  }
}

interface PhaseVerdict {
  phase: HypervisorPhase
  reason: string
  message: string
}

function hypervisorPhase(hv: Hypervisor, host: Host | undefined, view: InfraView): PhaseVerdict {
  const hostName = hv.spec.host
  if (!host) {
    const hosts = view.names('Host')
    return {
      phase: 'Pending',
      reason: 'HostNotFound',
      message: `Hypervisor "${hv.metadata.name}": host "${hostName}" not found (hosts: ${hosts.join(', ') || 'none'})`,
    }
  }
  const owner = hostOwner(hostName, view)
  if (owner && owner.metadata.name !== hv.metadata.name)
    return {
      phase: 'Pending',
      reason: 'HostConflict',
      message: `Hypervisor "${hv.metadata.name}": host "${hostName}" already runs hypervisor "${owner.metadata.name}"`,
    }
  if ((host.status?.powerState ?? 'On') === 'Off')
    return {
      phase: 'Down',
      reason: 'HostPoweredOff',
      message: `host "${hostName}" is powered off`,
    }
  // A crash lasts until it is recovered; a power cycle of the host (above) clears it too.
  if (hv.status?.phase === 'Crashed')
    return { phase: 'Crashed', reason: 'Crashed', message: 'the hypervisor crashed' }
  return { phase: 'Running', reason: 'Running', message: `running on host "${hostName}"` }
}

export function hypervisorStatus(
  hv: Hypervisor,
  view: InfraView,
  nowText: string,
): HypervisorStatus {
  const host = view.host(hv.spec.host)
  const verdict = hypervisorPhase(hv, host, view)
  const placed = view.vmsPlacedOn(hv.metadata.name)
  const owns = host !== undefined && verdict.reason !== 'HostConflict'
  return {
    phase: verdict.phase,
    ...(owns ? { capacity: amountText(hypervisorCapacity(host, hv).total) } : {}),
    allocated: amountText(allocatedOn(hv.metadata.name, view)),
    virtualMachines: placed.length,
    conditions: setCondition(
      hv.status?.conditions,
      {
        type: 'Ready',
        status: verdict.phase === 'Running' ? 'True' : 'False',
        reason: verdict.reason,
        message: verdict.message,
      },
      nowText,
    ),
  }
}
