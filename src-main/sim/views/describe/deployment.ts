import type { Deployment, ReplicaSet } from '../../api/apps'
import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import { byCreation, findNewReplicaSet } from '../../controllers/deployment/util'
import { intOrString, rfc1123z, selectorString } from '../format'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { describePodTemplate } from './pod-template'
import { tabbed } from './prefix-writer'

/**
 * `deploymentutil.GetAllReplicaSets`: the ReplicaSets the Deployment controls,
 * oldest first; the new one is the oldest whose template equals the
 * Deployment's (the hash label aside), every other one is old, even at 0.
 */
export function deploymentReplicaSets(
  ctx: DescribeContext,
  d: Deployment,
): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
  const all = ctx.store
    .dependents<ReplicaSet>(d.metadata.uid ?? '', 'ReplicaSet')
    .filter((rs) => controllerRef(rs)?.uid === d.metadata.uid)
    .sort(byCreation)
  const newRS = findNewReplicaSet(d, all)
  return { newRS, oldRSs: all.filter((rs) => rs !== newRS) }
}

function replicaSetsText(list: readonly ReplicaSet[]): string {
  const text = list
    .map(
      (rs) =>
        `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`,
    )
    .join(', ')
  return text || '<none>'
}

/** `describeDeployment`. */
export function describeDeployment(obj: KubeObject, ctx: DescribeContext): string {
  const d = obj as Deployment
  const status = d.status ?? {}
  const { newRS, oldRSs } = deploymentReplicaSets(ctx, d)
  const events = searchEvents(ctx, d)
  return tabbed((w) => {
    w.write(0, `Name:\t${d.metadata.name}\n`)
    w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`)
    w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`)
    printLabelsMultiline(w, 'Labels', d.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations)
    w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`)
    w.write(
      0,
      `Replicas:\t${d.spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    )
    w.write(0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`)
    w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`)
    const ru = d.spec.strategy?.rollingUpdate
    if (ru)
      w.write(
        0,
        `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`,
      )
    describePodTemplate(d.spec.template, w)
    if ((status.conditions ?? []).length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n')
      w.write(1, '----\t------\t------\n')
      for (const c of status.conditions!) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
    }
    if (oldRSs.length > 0 || newRS) {
      w.write(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}\n`)
      w.write(0, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}\n`)
    }
    describeEvents(events, w, ctx)
  })
}
