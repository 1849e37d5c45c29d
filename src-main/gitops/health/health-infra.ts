import type { Health, HealthCheck } from './types'
import { field } from './types'

interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

const condition = (live: unknown, type: string): Condition | undefined =>
  field<Condition[]>(live, 'status', 'conditions')?.find((c) => c?.type === type)

/**
 * A VirtualMachine: Running is Healthy; Booting is Progressing; Stopped (powered
 * off, or its hypervisor gone) is Suspended, as KubeVirt's VM health reads a
 * halted machine; Provisioning that cannot be placed is Degraded with the reason.
 */
export const virtualMachineHealth: HealthCheck = (live) => {
  switch (field<string>(live, 'status', 'phase')) {
    case 'Running':
      return { status: 'Healthy', message: '' }
    case 'Booting':
      return { status: 'Progressing', message: 'Booting' }
    case 'Stopped':
      return { status: 'Suspended', message: condition(live, 'Ready')?.message ?? 'Stopped' }
    case 'Provisioning': {
      const placed = condition(live, 'Placed')
      return placed?.status === 'False'
        ? { status: 'Degraded', message: placed.message ?? placed.reason ?? '' }
        : { status: 'Progressing', message: 'Provisioning' }
    }
    default:
      return { status: 'Progressing', message: '' }
  }
}

/** A Hypervisor: Running is Healthy; Crashed or Down (its host off) is Degraded; Pending waits for its host. */
export const hypervisorHealth: HealthCheck = (live) => {
  const phase = field<string>(live, 'status', 'phase')
  const message = (fallback: string): string => condition(live, 'Ready')?.message ?? fallback
  switch (phase) {
    case 'Running':
      return { status: 'Healthy', message: '' }
    case 'Crashed':
      return { status: 'Degraded', message: message('Crashed') }
    case 'Down':
      return { status: 'Degraded', message: message('Its host is powered off') }
    default:
      return { status: 'Progressing', message: message('Pending') }
  }
}

/** A Host: powered on is Healthy, powered off is Suspended. */
export const hostHealth: HealthCheck = (live): Health =>
  field<string>(live, 'status', 'powerState') === 'Off'
    ? { status: 'Suspended', message: 'Powered off' }
    : { status: 'Healthy', message: '' }
