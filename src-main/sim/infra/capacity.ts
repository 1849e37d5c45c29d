import type { Host, Hypervisor, VirtualMachine } from '../api/infra'
import { bytes, cpuMillis } from '../api/quantity'

/**
 * What a hypervisor can give and what a VM asks for, in millicores and bytes,
 * and the words that explain a refusal. Pure: the controller and the
 * validation share it.
 */
export interface Amount {
  cpuMillis: number
  memoryBytes: number
}

export const ZERO: Amount = { cpuMillis: 0, memoryBytes: 0 }

/** CPU as a quantity prints it: `4`, `3500m`. */
export function cpuText(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`
}

const BINARY = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const

/** Bytes as a binary quantity prints them: the largest suffix that divides evenly (`8092Mi`), else plain bytes. */
export function bytesText(value: number): string {
  if (value === 0) return '0'
  for (let i = 0; i < BINARY.length; i++) {
    const unit = 2 ** (10 * (BINARY.length - i))
    if (value % unit === 0) return `${value / unit}${BINARY[i]}`
  }
  return String(value)
}

export function amountText(a: Amount): { cpu: string; memory: string } {
  return { cpu: cpuText(a.cpuMillis), memory: bytesText(a.memoryBytes) }
}

export function addAmounts(a: Amount, b: Amount): Amount {
  return { cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes }
}

/** A share of `whole` (`10%`) or an absolute quantity. */
export function shareOf(
  value: string | number | undefined,
  whole: number,
  parse: (v: string | number) => number,
): number {
  if (value === undefined) return 0
  if (typeof value === 'string' && value.endsWith('%'))
    return (whole * Number(value.slice(0, -1))) / 100
  return parse(value)
}

/** How a hypervisor's capacity is made: the host, its reservation, the over-commit ratio. */
export interface CapacityBreakdown {
  host: Amount
  reserved: Amount
  overcommit: { cpu: number; memory: number }
  total: Amount
}

export function hypervisorCapacity(host: Host, hv: Hypervisor): CapacityBreakdown {
  const hostAmount = { cpuMillis: host.spec.cores * 1000, memoryBytes: bytes(host.spec.memory) }
  const reserved = {
    cpuMillis: Math.round(shareOf(hv.spec.reserved?.cpu, hostAmount.cpuMillis, cpuMillis)),
    memoryBytes: Math.round(shareOf(hv.spec.reserved?.memory, hostAmount.memoryBytes, bytes)),
  }
  const overcommit = { cpu: hv.spec.overcommit?.cpu ?? 1, memory: hv.spec.overcommit?.memory ?? 1 }
  return {
    host: hostAmount,
    reserved,
    overcommit,
    total: {
      cpuMillis: Math.max(
        0,
        Math.floor((hostAmount.cpuMillis - reserved.cpuMillis) * overcommit.cpu),
      ),
      memoryBytes: Math.max(
        0,
        Math.floor((hostAmount.memoryBytes - reserved.memoryBytes) * overcommit.memory),
      ),
    },
  }
}

/** What a VM holds on its hypervisor while it boots or runs. */
export function vmAmount(vm: VirtualMachine): Amount {
  return { cpuMillis: vm.spec.vcpus * 1000, memoryBytes: bytes(vm.spec.memory) }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function cpuFigure(millis: number): string {
  return millis % 1000 === 0 ? plural(millis / 1000, 'vCPU') : `${cpuText(millis)} vCPU`
}

/**
 * Why `vm` does not fit on `hv`, with the figures, or undefined when it fits in
 * what the others (`allocated`) leave.
 */
export function placementRefusal(
  vm: VirtualMachine,
  hv: Hypervisor,
  capacity: CapacityBreakdown,
  allocated: Amount,
): string | undefined {
  const need = vmAmount(vm)
  const { host, reserved, overcommit, total } = capacity
  const problems: string[] = []
  const freeCpu = total.cpuMillis - allocated.cpuMillis
  if (need.cpuMillis > freeCpu) {
    problems.push(
      `insufficient cpu (needs ${cpuFigure(need.cpuMillis)}, ${cpuText(Math.max(0, freeCpu))} free of ${cpuText(total.cpuMillis)}: ` +
        `${plural(host.cpuMillis / 1000, 'core')} − ${cpuText(reserved.cpuMillis)} reserved, × ${overcommit.cpu} over-commit)`,
    )
  }
  const freeMemory = total.memoryBytes - allocated.memoryBytes
  if (need.memoryBytes > freeMemory) {
    problems.push(
      `insufficient memory (needs ${bytesText(need.memoryBytes)}, ${bytesText(Math.max(0, freeMemory))} free of ${bytesText(total.memoryBytes)}: ` +
        `${bytesText(host.memoryBytes)} − ${bytesText(reserved.memoryBytes)} reserved, × ${overcommit.memory} over-commit)`,
    )
  }
  if (problems.length === 0) return undefined
  return `VirtualMachine "${vm.metadata.name}" does not fit on hypervisor "${hv.metadata.name}": ${problems.join(', ')}`
}
