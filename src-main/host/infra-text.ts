import type { UsageView } from '../shared/infra-dto'
import { formatTable } from '../sim/views/table'
import type { RunEnd } from './headless-run'

const USED = ['CPU USED', 'MEMORY USED']
const used = (u: UsageView): string[] => [
  `${u.cpu} (${u.cpuPercent}%)`,
  `${u.memory} (${u.memoryPercent}%)`,
]

/**
 * The faults of a run and the machines it ended on, for `drydock sync` without
 * --json: one table per layer, from the hosts up to the nodes.
 */
export function infrastructureText(report: RunEnd): string[] {
  const out: string[] = []
  if (report.faults.length > 0) {
    out.push('', 'Faults:')
    for (const f of report.faults)
      out.push(`  ${f.atSeconds}s  ${f.fault}: ${f.outcome}: ${f.message}`)
  }
  const { hosts, hypervisors, virtualMachines, nodes } = report.infrastructure
  out.push('', `State after ${report.ranForSeconds}s of cluster time:`, '')
  const tables = [
    formatTable(
      ['HOST', 'ZONE', 'POWER', 'HYPERVISOR', ...USED, 'CPU STEAL'],
      hosts.map((h) => [
        h.name,
        h.zone ?? '<none>',
        h.powerState,
        h.hypervisor ?? '<none>',
        ...used(h.usage),
        `${h.cpuStealPercent}%`,
      ]),
    ),
    formatTable(
      ['HYPERVISOR', 'HOST', 'TYPE', 'PHASE', 'VMS', ...USED],
      hypervisors.map((h) => [
        h.name,
        h.host,
        h.type,
        h.phase,
        String(h.virtualMachines),
        ...used(h.usage),
      ]),
    ),
    formatTable(
      ['VM', 'HYPERVISOR', 'VCPUS', 'MEMORY', 'PHASE', 'NODE', ...USED, 'CPU STEAL'],
      virtualMachines.map((v) => [
        v.name,
        v.hypervisor,
        String(v.vcpus),
        v.memory,
        v.phase,
        v.node,
        ...used(v.usage),
        `${v.cpuStealPercent}%`,
      ]),
    ),
    formatTable(
      ['NODE', 'STATUS', 'READY', 'PODS', ...USED, 'TAINTS'],
      nodes.map((n) => [
        n.name,
        n.status,
        n.ready,
        String(n.pods),
        ...used(n.usage),
        n.taints.join(',') || '<none>',
      ]),
    ),
  ]
  out.push(tables.join('\n\n'))
  return out
}
