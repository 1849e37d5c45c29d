import type { KubeObject, LabelSelector } from '../../api/meta'
import { formatLabelSelector, formatLabels } from '../format'
import { AGE, NAME, age, containerCells, printer } from './printer'

interface DaemonSetShape extends KubeObject {
  spec: {
    selector?: LabelSelector
    template?: {
      spec?: {
        nodeSelector?: Record<string, string>
        containers?: { name: string; image: string }[]
      }
    }
  }
  status?: {
    desiredNumberScheduled?: number
    currentNumberScheduled?: number
    numberReady?: number
    updatedNumberScheduled?: number
    numberAvailable?: number
  }
}

/** `printDaemonSet`. */
export const daemonSetPrinter = printer<DaemonSetShape>(
  [
    NAME,
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  (ds, ctx) => [
    ds.metadata.name,
    ds.status?.desiredNumberScheduled ?? 0,
    ds.status?.currentNumberScheduled ?? 0,
    ds.status?.numberReady ?? 0,
    ds.status?.updatedNumberScheduled ?? 0,
    ds.status?.numberAvailable ?? 0,
    formatLabels(ds.spec.template?.spec?.nodeSelector),
    age(ds, ctx),
    ...containerCells(ds.spec.template?.spec?.containers),
    formatLabelSelector(ds.spec.selector),
  ],
)
