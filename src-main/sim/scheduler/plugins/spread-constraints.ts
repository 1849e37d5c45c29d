import type { ReplicaSet } from '../../api/apps'
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

type OwnerRef = NonNullable<ReturnType<typeof controllerRef>>

/** The owner a default selector reads, if it is of a kind that has one. */
function ownerObject(ctx: CycleContext, owner: OwnerRef | undefined): KubeObject | undefined {
  if (!owner) return undefined
  const gvk = `${(owner as { apiVersion?: string }).apiVersion}/${owner.kind}`
  if (
    gvk !== 'apps/v1/ReplicaSet' &&
    gvk !== 'apps/v1/StatefulSet' &&
    gvk !== 'v1/ReplicationController'
  )
    return undefined
  return ctx.store.get<KubeObject>(owner.kind, ctx.pod.namespace, owner.name)
}

/** The part of the owner the default selector depends on. */
function ownerSelector(obj: KubeObject | undefined): unknown {
  return (obj?.spec as { selector?: unknown } | undefined)?.selector
}

/**
 * `helper.DefaultSelector`: the selectors of the Services that select the pod,
 * merged, and the selector of the ReplicaSet or StatefulSet that owns it.
 */
function defaultSelector(
  ctx: CycleContext,
  owner: OwnerRef | undefined,
  obj: KubeObject | undefined,
): CompiledSelector | undefined {
  const { pod, cache } = ctx
  const labels = pod.pod.metadata.labels ?? {}
  let merged: Record<string, string> | undefined
  for (const sel of cache.services.of(pod.namespace)) {
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) merged = { ...merged, ...sel }
  }
  // Nothing selects the pod: no default spreading (the common case for bare pods).
  if (!merged && !owner) return undefined
  const reqs: LabelRequirement[] = requirementsOf({ matchLabels: merged ?? {} })
  if (owner?.kind === 'ReplicationController') {
    const sel = ownerSelector(obj) as Record<string, string> | undefined
    if (sel) return selectorOfRequirements(requirementsOf({ matchLabels: { ...merged, ...sel } }))
  } else {
    const sel = ownerSelector(obj) as ReplicaSet['spec']['selector'] | undefined
    if (sel) reqs.push(...requirementsOf(sel))
  }
  return selectorOfRequirements(reqs)
}

interface Constraints {
  constraints: SpreadConstraint[]
  systemDefaulted: boolean
}

const NONE: Constraints = { constraints: [], systemDefaulted: true }

/** The system defaults for a pod, worked out from its Services and owner. */
function systemDefaults(
  ctx: CycleContext,
  owner: OwnerRef | undefined,
  obj: KubeObject | undefined,
): Constraints {
  const selector = defaultSelector(ctx, owner, obj)
  if (!selector || selector.everything) return NONE
  return {
    constraints: SYSTEM_DEFAULT_CONSTRAINTS.map((c) => compile(c, selector)),
    systemDefaulted: true,
  }
}

/** What the system defaults of an owned pod were worked out from: valid while none of it changes. */
interface DefaultsEntry {
  readonly cache: CycleContext['cache']
  readonly servicesEpoch: number
  readonly namespace: string
  readonly ownerUid: string
  readonly ownerSelector: unknown
  readonly result: Constraints
}

/**
 * Replicas share their template's labels object: the defaults worked out for
 * one pod serve its siblings, until a Service changes or the owner's selector
 * does. (They are asked for `ScheduleAnyway` only, the one action they have.)
 */
const defaultsByLabels = new WeakMap<object, DefaultsEntry>()

function cachedSystemDefaults(ctx: CycleContext): Constraints {
  const { pod, cache } = ctx
  const owner = controllerRef(pod.pod)
  const obj = ownerObject(ctx, owner)
  const labels = pod.pod.metadata.labels
  // Bare pods are rarely selected by anything, and their labels are their own: not worth keeping.
  if (!owner || !labels) return systemDefaults(ctx, owner, obj)
  const selector = ownerSelector(obj)
  const entry = defaultsByLabels.get(labels)
  if (
    entry &&
    entry.cache === cache &&
    entry.servicesEpoch === cache.services.epoch &&
    entry.namespace === pod.namespace &&
    entry.ownerUid === owner.uid &&
    entry.ownerSelector === selector
  )
    return entry.result
  const result = systemDefaults(ctx, owner, obj)
  defaultsByLabels.set(labels, {
    cache,
    servicesEpoch: cache.services.epoch,
    namespace: pod.namespace,
    ownerUid: owner.uid,
    ownerSelector: selector,
    result,
  })
  return result
}

/** A pod's own constraints, compiled; they depend on its labels only through `matchLabelKeys`. */
interface OwnEntry {
  readonly labels: object | undefined
  readonly byAction: Map<UnsatisfiableConstraintAction, Constraints>
}

const ownByConstraints = new WeakMap<readonly TopologySpreadConstraint[], OwnEntry>()

function ownConstraints(
  ctx: CycleContext,
  own: readonly TopologySpreadConstraint[],
  action: UnsatisfiableConstraintAction,
): Constraints {
  const labels = ctx.pod.pod.metadata.labels
  let entry = ownByConstraints.get(own)
  const byLabels = own.some((c) => c.matchLabelKeys?.length)
  if (!entry || (byLabels && entry.labels !== labels)) {
    entry = { labels: byLabels ? labels : undefined, byAction: new Map() }
    ownByConstraints.set(own, entry)
  }
  let result = entry.byAction.get(action)
  if (!result) {
    const constraints = own
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) => compile(c, constraintSelector(c, ctx)))
    entry.byAction.set(action, (result = { constraints, systemDefaulted: false }))
  }
  return result
}

/**
 * The constraints a pod is held to for one action (`getConstraints`): its own when
 * it has any, otherwise the system defaults, which need a default selector and
 * only ever say `ScheduleAnyway`. Worked out once per template, not per pod.
 */
export function spreadConstraints(
  ctx: CycleContext,
  action: UnsatisfiableConstraintAction,
): Constraints {
  const own = ctx.pod.spec.spreadConstraints
  if (own.length > 0) return ownConstraints(ctx, own, action)
  if (!SYSTEM_DEFAULT_CONSTRAINTS.some((c) => c.whenUnsatisfiable === action)) return NONE
  return cachedSystemDefaults(ctx)
}
