import type { KubeObject, LabelSelector } from '../../api/meta'
import { formatLabelSelector, printBoolPtr } from '../format'
import { AGE, NAME, age, containerCells, printer, since } from './printer'

export interface CronJobShape extends KubeObject {
  spec: {
    schedule: string
    timeZone?: string
    suspend?: boolean
    jobTemplate?: {
      spec?: {
        selector?: LabelSelector
        template?: { spec?: { containers?: { name: string; image: string }[] } }
      }
    }
  }
  status?: { active?: unknown[]; lastScheduleTime?: string }
}

/** `printCronJob`: SUSPEND is `printBoolPtr` (`False`, `True`, `<unset>`). */
export const cronJobPrinter = printer<CronJobShape>(
  [
    NAME,
    { name: 'Schedule' },
    { name: 'Timezone' },
    { name: 'Suspend' },
    { name: 'Active' },
    { name: 'Last Schedule' },
    AGE,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  (cj, ctx) => [
    cj.metadata.name,
    cj.spec.schedule,
    cj.spec.timeZone ?? '<none>',
    printBoolPtr(cj.spec.suspend),
    cj.status?.active?.length ?? 0,
    cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, ctx) : '<none>',
    age(cj, ctx),
    ...containerCells(cj.spec.jobTemplate?.spec?.template?.spec?.containers),
    formatLabelSelector(cj.spec.jobTemplate?.spec?.selector),
  ],
)
