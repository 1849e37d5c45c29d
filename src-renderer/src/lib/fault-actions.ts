import type { PodView } from '../../../src-main/shared/dto'
import type {
  HostView,
  HypervisorView,
  NodeStateView,
  VirtualMachineView,
} from '../../../src-main/shared/infra-dto'

/** A fault offered on something drawn: the spec the host carries out, and the button's words. */
export interface FaultChoice {
  spec: string
  label: string
}

const choice = (target: string, action: string, label: string): FaultChoice => ({
  spec: `${target}:${action}`,
  label,
})

/** Power off while it is on, on while it is off. */
export function hostFaults(host: HostView): FaultChoice[] {
  const t = `host/${host.name}`
  return host.powerState === 'On'
    ? [choice(t, 'power-off', 'Power off')]
    : [choice(t, 'power-on', 'Power on')]
}

export function hypervisorFaults(hv: HypervisorView): FaultChoice[] {
  const t = `hypervisor/${hv.name}`
  if (hv.phase === 'Crashed') return [choice(t, 'recover', 'Recover')]
  return hv.phase === 'Running' ? [choice(t, 'crash', 'Crash')] : []
}

export function vmFaults(vm: VirtualMachineView): FaultChoice[] {
  const t = `vm/${vm.name}`
  if (vm.powerState === 'Off') return [choice(t, 'power-on', 'Power on')]
  const running = vm.phase === 'Running'
  return [
    choice(t, 'power-off', 'Power off'),
    ...(running || vm.phase === 'Booting' ? [choice(t, 'reboot', 'Reboot')] : []),
    ...(running ? [choice(t, 'migrate', 'Live-migrate')] : []),
    choice(t, 'migrate-back', 'Migrate back'),
  ]
}

/**
 * A node's faults as its state allows: its kubelet stopped or started, its
 * network cut or joined, its scheduling cordoned or not. Memory is not
 * drawn, so both ways are offered and the host says when one has nothing to
 * do; a node whose machine is down offers only what the API can still do.
 */
export function nodeFaults(name: string, state: NodeStateView | undefined): FaultChoice[] {
  const t = `node/${name}`
  const cordoned = state?.status.includes('SchedulingDisabled') ?? false
  const kubelet = state?.kubelet ?? 'running'
  const partitioned = state?.partitioned ?? false
  const up = kubelet !== 'down'
  return [
    ...(kubelet === 'running' ? [choice(t, 'stop-kubelet', 'Stop kubelet')] : []),
    ...(kubelet === 'stopped' ? [choice(t, 'start-kubelet', 'Start kubelet')] : []),
    cordoned ? choice(t, 'uncordon', 'Uncordon') : choice(t, 'cordon', 'Cordon'),
    choice(t, 'drain', 'Drain'),
    ...(up && !partitioned ? [choice(t, 'partition', 'Cut off network')] : []),
    ...(partitioned ? [choice(t, 'reconnect', 'Reconnect')] : []),
    ...(up
      ? [choice(t, 'fill-memory', 'Fill memory'), choice(t, 'free-memory', 'Free memory')]
      : []),
  ]
}

export function podFaults(pod: PodView): FaultChoice[] {
  const t = `pod/${pod.namespace}/${pod.name}`
  return [choice(t, 'kill', 'Kill container'), choice(t, 'delete', 'Delete')]
}
