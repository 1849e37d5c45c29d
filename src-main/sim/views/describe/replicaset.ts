import type { ReplicaSet } from '../../api/apps'
import type { KubeObject } from '../../api/meta'
import { formatLabelSelector } from '../format'
import type { DescribeContext } from './context'
import { podsStatus } from './controller-pods'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { controlledBy } from './pod'
import { describePodTemplate } from './pod-template'
import { tabbed } from './prefix-writer'

/** `describeReplicaSet`. */
export function describeReplicaSet(obj: KubeObject, ctx: DescribeContext): string {
  const rs = obj as ReplicaSet
  const events = searchEvents(ctx, rs)
  return tabbed((w) => {
    w.write(0, `Name:\t${rs.metadata.name}\n`)
    w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`)
    w.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`)
    printLabelsMultiline(w, 'Labels', rs.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations)
    const owner = controlledBy(rs)
    if (owner) w.write(0, `Controlled By:\t${owner}\n`)
    w.write(
      0,
      `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired\n`,
    )
    w.write(0, `Pods Status:\t${podsStatus(ctx, rs)}\n`)
    describePodTemplate(rs.spec.template, w)
    if ((rs.status?.conditions ?? []).length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
      w.write(1, '----\t------\t------\n')
      for (const c of rs.status!.conditions!)
        w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
    }
    describeEvents(events, w, ctx)
  })
}
