import type { KubeObject, LabelSelector } from '../../api/meta'
import { selectorString } from '../format'
import { AGE, NAME, age, containerCells, printer } from './printer'

/** The fields of a Deployment, ReplicaSet or StatefulSet the printers read. */
export interface WorkloadShape extends KubeObject {
  spec: {
    replicas?: number
    selector?: LabelSelector
    template?: { spec?: { containers?: { name: string; image: string }[] } }
  }
  status?: {
    replicas?: number
    updatedReplicas?: number
    readyReplicas?: number
    availableReplicas?: number
  }
}

const templateColumns = [
  { name: 'Containers', priority: 1 },
  { name: 'Images', priority: 1 },
  { name: 'Selector', priority: 1 },
]

/** `printDeployment`: READY is ready/desired. */
export const deploymentPrinter = printer<WorkloadShape>(
  [NAME, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, AGE, ...templateColumns],
  (d, ctx) => [
    d.metadata.name,
    `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
    age(d, ctx),
    ...containerCells(d.spec.template?.spec?.containers),
    selectorString(d.spec.selector),
  ],
)
