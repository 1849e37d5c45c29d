import type { WorkloadShape } from './deployment'
import { AGE, NAME, age, containerCells, printer } from './printer'

/** `printStatefulSet`: READY is ready/desired. */
export const statefulSetPrinter = printer<WorkloadShape>(
  [
    NAME,
    { name: 'Ready' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
  ],
  (sts, ctx) => [
    sts.metadata.name,
    `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 0}`,
    age(sts, ctx),
    ...containerCells(sts.spec.template?.spec?.containers),
  ],
)
