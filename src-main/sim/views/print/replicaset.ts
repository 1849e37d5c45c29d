import { formatLabelSelector } from '../format'
import type { WorkloadShape } from './deployment'
import { AGE, NAME, age, containerCells, printer } from './printer'

/** `printReplicaSet`. */
export const replicaSetPrinter = printer<WorkloadShape>(
  [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  (rs, ctx) => [
    rs.metadata.name,
    rs.spec.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs, ctx),
    ...containerCells(rs.spec.template?.spec?.containers),
    formatLabelSelector(rs.spec.selector),
  ],
)
