import type { Host, Hypervisor, VirtualMachine } from '../../api/infra'
import { AGE, NAME, age, printer } from './printer'

/**
 * Columns of the machine kinds, declared as a CRD's `additionalPrinterColumns`
 * would be: what a learner checks first (power, phase, where it runs), the rest
 * with `-o wide`.
 */
export const hostPrinter = printer<Host>(
  [
    NAME,
    { name: 'Cores' },
    { name: 'Memory' },
    { name: 'Zone' },
    { name: 'Power' },
    { name: 'Hypervisor' },
    { name: 'Rack', priority: 1 },
    { name: 'Allocated', priority: 1 },
    AGE,
  ],
  (h, ctx) => [
    h.metadata.name,
    h.spec?.cores,
    h.spec?.memory,
    h.spec?.zone ?? '<none>',
    h.status?.powerState ?? 'On',
    h.status?.hypervisor ?? '<none>',
    h.spec?.rack ?? '<none>',
    allocated(h.status?.allocated),
    age(h, ctx),
  ],
)

export const hypervisorPrinter = printer<Hypervisor>(
  [
    NAME,
    { name: 'Host' },
    { name: 'Type' },
    { name: 'Phase' },
    { name: 'VMs' },
    { name: 'Capacity', priority: 1 },
    { name: 'Allocated', priority: 1 },
    AGE,
  ],
  (hv, ctx) => [
    hv.metadata.name,
    hv.spec?.host,
    hv.spec?.type,
    hv.status?.phase ?? 'Pending',
    hv.status?.virtualMachines ?? 0,
    allocated(hv.status?.capacity),
    allocated(hv.status?.allocated),
    age(hv, ctx),
  ],
)

export const virtualMachinePrinter = printer<VirtualMachine>(
  [
    NAME,
    { name: 'Hypervisor' },
    { name: 'vCPUs' },
    { name: 'Memory' },
    { name: 'Phase' },
    { name: 'Node' },
    { name: 'Role', priority: 1 },
    AGE,
  ],
  (vm, ctx) => [
    vm.metadata.name,
    vm.spec?.hypervisor,
    vm.spec?.vcpus,
    vm.spec?.memory,
    vm.status?.phase ?? 'Provisioning',
    vm.status?.nodeName ?? '<none>',
    vm.spec?.node?.role ?? 'worker',
    age(vm, ctx),
  ],
)

function allocated(amounts: { cpu: string; memory: string } | undefined): string {
  return amounts ? `cpu=${amounts.cpu},memory=${amounts.memory}` : '<none>'
}
