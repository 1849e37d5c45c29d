import type { ReplicaSet } from '../../api/apps'
import type { Service } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { controllerRef } from '../../api/pod-util'
import type {
  TopologySpreadConstraint,
  UnsatisfiableConstraintAction,
} from '../../api/topology-spread'
import {
  compileSelector,
  requirementsOf,
  selectorOfRequirements,
  type CompiledSelector,
  type LabelRequirement,
} from '../label-selector'
import type { CycleContext } from '../framework'

export const HOSTNAME_KEY = 'kubernetes.io/hostname'
export const ZONE_KEY = 'topology.kubernetes.io/zone'

/** `topologySpreadConstraint`: a constraint with its selector compiled and its defaults filled. */
export interface SpreadConstraint {
  readonly maxSkew: number
  readonly topologyKey: string
  readonly selector: CompiledSelector
  readonly minDomains: number
  /** `nodeAffinityPolicy: Honor` (the default): nodes the pod cannot go to are not counted. */
  readonly honorNodeAffinity: boolean
  /** `nodeTaintsPolicy: Honor`: nodes with taints the pod does not tolerate are not counted. */
  readonly honorTaints: boolean
}

/** `systemDefaultConstraints` (the `List` defaulting of `PodTopologySpreadArgs`). */
const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: HOSTNAME_KEY, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: ZONE_KEY, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]

/** The selector with `matchLabelKeys` read from the pod's own labels. */
function constraintSelector(c: TopologySpreadConstraint, ctx: CycleContext): CompiledSelector {
  if (!c.matchLabelKeys?.length || !c.labelSelector) return compileSelector(c.labelSelector)
  const labels = ctx.pod.pod.metadata.labels ?? {}
  const reqs: LabelRequirement[] = requirementsOf(c.labelSelector)
  for (const key of c.matchLabelKeys) {
    const value = labels[key]
    if (value !== undefined) reqs.push({ key, operator: 'In', values: [value] })
  }
  return selectorOfRequirements(reqs)
}

function compile(c: TopologySpreadConstraint, selector: CompiledSelector): SpreadConstraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  }
}

/**
 * `helper.DefaultSelector`: the selectors of the Services that select the pod,
 * merged, and the selector of the ReplicaSet or StatefulSet that owns it.
 */
function defaultSelector(ctx: CycleContext): CompiledSelector | undefined {
  const { pod, store } = ctx
  const labels = pod.pod.metadata.labels ?? {}
  let merged: Record<string, string> | undefined
  for (const svc of store.list<Service>('Service', { namespace: pod.namespace })) {
    const sel = svc.spec?.selector
    if (!sel) continue
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) merged = { ...merged, ...sel }
  }
  const owner = controllerRef(pod.pod)
  // Nothing selects the pod: no default spreading (the common case for bare pods).
  if (!merged && !owner) return undefined
  const reqs: LabelRequirement[] = requirementsOf({ matchLabels: merged ?? {} })
  const ownerGvk = owner && `${(owner as { apiVersion?: string }).apiVersion}/${owner.kind}`
  if (ownerGvk === 'apps/v1/ReplicaSet' || ownerGvk === 'apps/v1/StatefulSet') {
    const obj = store.get<KubeObject>(owner!.kind, pod.namespace, owner!.name) as
      ReplicaSet | undefined
    if (obj?.spec?.selector) reqs.push(...requirementsOf(obj.spec.selector))
  } else if (owner && ownerGvk === 'v1/ReplicationController') {
    const rc = store.get<KubeObject>('ReplicationController', pod.namespace, owner.name)
    const sel = (rc?.spec as { selector?: Record<string, string> } | undefined)?.selector
    if (sel) return selectorOfRequirements(requirementsOf({ matchLabels: { ...merged, ...sel } }))
  }
  return selectorOfRequirements(reqs)
}

/**
 * The constraints a pod is held to for one action (`getConstraints`): its own when
 * it has any, otherwise the system defaults, which need a default selector and
 * only ever say `ScheduleAnyway`.
 */
export function spreadConstraints(
  ctx: CycleContext,
  action: UnsatisfiableConstraintAction,
): { constraints: SpreadConstraint[]; systemDefaulted: boolean } {
  const own = ctx.pod.spec.spreadConstraints
  if (own.length > 0) {
    const constraints = own
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) => compile(c, constraintSelector(c, ctx)))
    return { constraints, systemDefaulted: false }
  }
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action)
  if (defaults.length === 0) return { constraints: [], systemDefaulted: true }
  const selector = defaultSelector(ctx)
  if (!selector || selector.everything) return { constraints: [], systemDefaulted: true }
  return { constraints: defaults.map((c) => compile(c, selector)), systemDefaulted: true }
}
