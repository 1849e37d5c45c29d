import type { Affinity } from '../../api/affinity'
import type { Pod, PodSpec, PodTemplateSpec, Toleration } from '../../api/core'
import type { DaemonSet } from '../../api/daemonset'
import { OBJECT_NAME_FIELD } from '../../api/node-affinity'
import { CONTROLLER_REVISION_HASH_LABEL } from '../../api/statefulset'
import { scaledValue } from '../deployment/util'

/** Helpers from `pkg/controller/daemon/util/daemonset_util.go`. */

/**
 * The tolerations every daemon pod gets (`AddOrUpdateDaemonPodTolerations`): it
 * survives its node going not-ready or unreachable, and lands on nodes under
 * pressure or cordoned; with hostNetwork, also on nodes whose network is down.
 */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const tolerations: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ]
  if (hostNetwork) {
    tolerations.push({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    })
  }
  return tolerations
}

/** `MatchToleration`: the same key, operator, value and effect. */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? 'Equal') === (b.operator ?? 'Equal') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  )
}

/** `AddOrUpdateTolerationInPodSpec` for each daemon toleration: one that matches is replaced in place. */
export function withDaemonTolerations(spec: PodSpec): PodSpec {
  let tolerations = [...(spec.tolerations ?? [])]
  for (const toleration of daemonTolerations(spec.hostNetwork === true)) {
    const i = tolerations.findIndex((t) => sameToleration(t, toleration))
    if (i >= 0) tolerations[i] = toleration
    else tolerations = [...tolerations, toleration]
  }
  return { ...spec, tolerations }
}

/** `CreatePodTemplate`: the template with the daemon tolerations and the revision hash label. */
export function createPodTemplate(template: PodTemplateSpec, hash: string): PodTemplateSpec {
  return {
    ...template,
    metadata: {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash },
    },
    spec: withDaemonTolerations(template.spec),
  }
}

/**
 * `ReplaceDaemonSetPodNodeNameNodeAffinity`: the pod is pinned to its node by a
 * required node affinity on `metadata.name`, which replaces any required terms
 * (they were checked against this node already); the default scheduler binds it.
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = {
    nodeSelectorTerms: [
      { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In' as const, values: [nodeName] }] },
    ],
  }
  return {
    ...affinity,
    nodeAffinity: {
      ...affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: required,
    },
  }
}

/** `GetTargetNodeName`: the node a pod is bound to, or pinned to if not yet bound. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? []
  for (const term of terms) {
    for (const req of term.matchFields ?? []) {
      if (req.key === OBJECT_NAME_FIELD && req.operator === 'In')
        return req.values?.length === 1 ? req.values[0] : undefined
    }
  }
  return undefined
}

/** `IsPodUpdated`, by the revision hash (the deprecated template generation is not kept). */
export function isPodUpdated(pod: Pod, hash: string): boolean {
  return hash !== '' && pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash
}

/** `SurgeCount`: maxSurge of `numberToSchedule`, rounded up; 0 unless rolling with a surge. */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec.updateStrategy
  if (strategy?.type !== 'RollingUpdate' || strategy.rollingUpdate?.maxSurge === undefined) return 0
  return scaledValue(strategy.rollingUpdate.maxSurge, numberToSchedule, true)
}

/** `UnavailableCount`: maxUnavailable of `numberToSchedule`, rounded up. */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const strategy = ds.spec.updateStrategy
  if (strategy?.type !== 'RollingUpdate' || !strategy.rollingUpdate) return 0
  return scaledValue(strategy.rollingUpdate.maxUnavailable, numberToSchedule, true)
}

/** `AllowsSurge`. */
export function allowsSurge(ds: DaemonSet): boolean {
  return surgeCount(ds, 1) > 0
}

/** `podByCreationTimestampAndPhase`: bound pods first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const aBound = a.spec.nodeName ? 0 : 1
  const bBound = b.spec.nodeName ? 0 : 1
  if (aBound !== bBound) return aBound - bBound
  const ta = a.metadata.creationTimestamp ?? ''
  const tb = b.metadata.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0
}
