import type { PodTemplateSpec } from '../../api/core'
import { describeContainers } from './containers'
import {
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './multiline'
import type { PrefixWriter } from './prefix-writer'
import { describeVolumes, type VolumeShape } from './volumes'

/** `DescribePodTemplate`: the `Pod Template:` section of a Deployment, ReplicaSet, Job… */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(0, 'Pod Template:\n')
  if (!template) {
    w.write(1, '<unset>')
    return
  }
  const spec = template.spec as PodTemplateSpec['spec'] & { priorityClassName?: string }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels)
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations)
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`)
  if ((spec.initContainers ?? []).length > 0)
    describeContainers('Init Containers', spec.initContainers!, undefined, undefined, w, '  ')
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ')
  describeVolumes(spec.volumes as VolumeShape[] | undefined, w, '  ')
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations)
}
