import { formatTable } from '../sim/views/table'
import type { RunEnd } from './headless-run'

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
      ['HOST', 'ZONE', 'POWER', 'HYPERVISOR'],
      hosts.map((h) => [h.name, h.zone ?? '<none>', h.powerState, h.hypervisor ?? '<none>']),
    ),
    formatTable(
      ['HYPERVISOR', 'HOST', 'TYPE', 'PHASE', 'VMS'],
      hypervisors.map((h) => [h.name, h.host, h.type, h.phase, String(h.virtualMachines)]),
    ),
    formatTable(
      ['VM', 'HYPERVISOR', 'VCPUS', 'MEMORY', 'PHASE', 'NODE'],
      virtualMachines.map((v) => [
        v.name,
        v.hypervisor,
        String(v.vcpus),
        v.memory,
        v.phase,
        v.node,
      ]),
    ),
    formatTable(
      ['NODE', 'STATUS', 'READY', 'PODS', 'TAINTS'],
      nodes.map((n) => [n.name, n.status, n.ready, String(n.pods), n.taints.join(',') || '<none>']),
    ),
  ]
  out.push(tables.join('\n\n'))
  return out
}
