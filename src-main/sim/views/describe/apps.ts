import type { PodTemplateSpec } from '../../api/core'
import type { KubeObject, LabelSelector } from '../../api/meta'
import { formatLabels, rfc1123z, selectorString } from '../format'
import { canonicalQuantity } from '../quantity'
import { storageClassOf } from '../print/storage'
import type { DescribeContext } from './context'
import { podsStatus } from './controller-pods'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { describePodTemplate } from './pod-template'
import { type PrefixWriter, tabbed } from './prefix-writer'

interface ClaimTemplate extends KubeObject {
  spec: {
    accessModes?: string[]
    resources?: { requests?: { storage?: string } }
    storageClassName?: string
  }
}

interface StatefulSetDetail extends KubeObject {
  spec: {
    replicas?: number
    selector?: LabelSelector
    template: PodTemplateSpec
    updateStrategy?: {
      type?: string
      rollingUpdate?: { partition?: number; maxUnavailable?: number | string }
    }
    volumeClaimTemplates?: ClaimTemplate[]
  }
  status?: { replicas?: number }
}

/** `describeVolumeClaimTemplates`. */
function describeVolumeClaimTemplates(
  templates: readonly ClaimTemplate[] | undefined,
  w: PrefixWriter,
): void {
  if (!templates || templates.length === 0) {
    w.write(0, 'Volume Claims:\t<none>\n')
    return
  }
  w.write(0, 'Volume Claims:\n')
  for (const pvc of templates) {
    w.write(1, `Name:\t${pvc.metadata.name}\n`)
    w.write(1, `StorageClass:\t${storageClassOf(pvc)}\n`)
    printLabelsMultiline(w, 'Labels', pvc.metadata.labels, '  ')
    printLabelsMultiline(w, 'Annotations', pvc.metadata.annotations, '  ')
    const storage = pvc.spec.resources?.requests?.storage
    w.write(1, `Capacity:\t${storage !== undefined ? canonicalQuantity(storage) : '<default>'}\n`)
    w.write(1, `Access Modes:\t[${(pvc.spec.accessModes ?? []).join(' ')}]\n`)
  }
}

/** `describeStatefulSet`. */
export function describeStatefulSet(obj: KubeObject, ctx: DescribeContext): string {
  const sts = obj as StatefulSetDetail
  const spec = sts.spec
  const events = searchEvents(ctx, sts)
  return tabbed((w) => {
    w.write(0, `Name:\t${sts.metadata.name}\n`)
    w.write(0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`)
    w.write(0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`)
    w.write(0, `Selector:\t${selectorString(spec.selector)}\n`)
    printLabelsMultiline(w, 'Labels', sts.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations)
    w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`)
    w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`)
    const ru = spec.updateStrategy?.rollingUpdate
    if (ru?.partition !== undefined) {
      w.write(1, `Partition:\t${ru.partition}\n`)
      if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`)
    }
    w.write(0, `Pods Status:\t${podsStatus(ctx, sts)}\n`)
    describePodTemplate(spec.template, w)
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w)
    describeEvents(events, w, ctx)
  })
}

interface DaemonSetDetail extends KubeObject {
  spec: { selector?: LabelSelector; template: PodTemplateSpec }
  status?: {
    desiredNumberScheduled?: number
    currentNumberScheduled?: number
    updatedNumberScheduled?: number
    numberAvailable?: number
    numberMisscheduled?: number
  }
}

/** `describeDaemonSet`: the scheduling counts are written without a tab, as kubectl writes them. */
export function describeDaemonSet(obj: KubeObject, ctx: DescribeContext): string {
  const ds = obj as DaemonSetDetail
  const s = ds.status ?? {}
  const events = searchEvents(ctx, ds)
  return tabbed((w) => {
    w.write(0, `Name:\t${ds.metadata.name}\n`)
    w.write(0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`)
    w.write(0, `Selector:\t${selectorString(ds.spec.selector)}\n`)
    w.write(0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`)
    printLabelsMultiline(w, 'Labels', ds.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations)
    w.write(0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`)
    w.write(0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`)
    w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`)
    w.write(0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`)
    w.write(0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`)
    w.write(0, `Pods Status:\t${podsStatus(ctx, ds)}\n`)
    describePodTemplate(ds.spec.template, w)
    describeEvents(events, w, ctx)
  })
}
