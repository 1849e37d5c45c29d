import {
  crdCondition,
  withCrdCondition,
  type CustomResourceDefinition,
  type CustomResourceDefinitionCondition,
  type CustomResourceDefinitionNames,
} from '../../api/apiextensions'
import { toRfc3339 } from '../../kernel/time'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'
import { deepEqual } from '../../store/equality'

type Names = Partial<CustomResourceDefinitionNames>

/**
 * The apiextensions-apiserver's `NamingConditionController`: accepts a CRD's
 * names unless another CRD of its group already holds them, and says so in
 * `NamesAccepted`; a CRD whose names are accepted is `Established` once the
 * establishing controller has seen it (here: `Installing` until then).
 */
export class CrdNamingController implements Controller {
  readonly name = 'crd-naming-controller'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ object }) => this.queue.add(object.metadata.name),
      ['CustomResourceDefinition'],
    )
  }

  private group(name: string): string {
    return name.slice(name.indexOf('.') + 1)
  }

  /** `getAcceptedNamesForGroup`: the resource names and kinds already accepted in a group. */
  private acceptedInGroup(group: string): { resources: Set<string>; kinds: Set<string> } {
    const resources = new Set<string>()
    const kinds = new Set<string>()
    for (const crd of this.ctx.store.list<CustomResourceDefinition>('CustomResourceDefinition')) {
      if (crd.spec.group !== group) continue
      const accepted = crd.status?.acceptedNames ?? {}
      for (const r of [accepted.plural, accepted.singular, ...(accepted.shortNames ?? [])])
        if (r) resources.add(r)
      for (const k of [accepted.kind, accepted.listKind]) if (k) kinds.add(k)
    }
    return { resources, kinds }
  }

  /**
   * `calculateNamesAndConditions`. The store keys objects by kind alone, so a
   * kind another group (or a built-in) serves is taken too: a limit of the simulation.
   */
  private calculate(crd: CustomResourceDefinition): {
    names: Names
    accepted: CustomResourceDefinitionCondition
    established: CustomResourceDefinitionCondition
  } {
    const { resources, kinds } = this.acceptedInGroup(crd.spec.group)
    const requested = crd.spec.names
    const previous: Names = crd.status?.acceptedNames ?? {}
    const names: Names = { ...previous }
    let conflict: { reason: string; message: string } | undefined
    const fresh = (want: string | undefined, had: string | undefined, used: Set<string>): boolean =>
      want === had || want === undefined || !used.has(want)
    const inUse = (name: string | undefined): string => `"${name}" is already in use`
    if (fresh(requested.plural, previous.plural, resources)) names.plural = requested.plural
    else conflict = { reason: 'PluralConflict', message: inUse(requested.plural) }
    if (fresh(requested.singular, previous.singular, resources)) names.singular = requested.singular
    else conflict = { reason: 'SingularConflict', message: inUse(requested.singular) }
    if (!deepEqual(requested.shortNames, previous.shortNames)) {
      const mine = new Set(previous.shortNames ?? [])
      const taken = (requested.shortNames ?? []).filter((s) => !mine.has(s) && resources.has(s))
      if (taken.length === 0) names.shortNames = requested.shortNames
      else {
        const messages = taken.map(inUse)
        conflict = {
          reason: 'ShortNamesConflict',
          message: messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`,
        }
      }
    }
    const servedElsewhere = this.ctx.store.kinds.get(requested.kind)
    const kindTaken =
      !fresh(requested.kind, previous.kind, kinds) ||
      (servedElsewhere !== undefined && servedElsewhere.custom?.crdName !== crd.metadata.name)
    if (!kindTaken) names.kind = requested.kind
    else conflict = { reason: 'KindConflict', message: inUse(requested.kind) }
    if (fresh(requested.listKind, previous.listKind, kinds)) names.listKind = requested.listKind
    else conflict = { reason: 'ListKindConflict', message: inUse(requested.listKind) }
    const accepted: CustomResourceDefinitionCondition = conflict
      ? { type: 'NamesAccepted', status: 'False', ...conflict }
      : {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
        }
    let established: CustomResourceDefinitionCondition = crdCondition(crd, 'Established') ?? {
      type: 'Established',
      status: 'False',
      reason: 'NotAccepted',
      message: 'not all names are accepted',
    }
    if (established.status !== 'True' && accepted.status === 'True') {
      established = {
        type: 'Established',
        status: 'False',
        reason: 'Installing',
        message: 'the initial names have been accepted',
      }
    }
    return { names, accepted, established }
  }

  reconcile(name: string): void {
    const store = this.ctx.store
    const crd = store.get<CustomResourceDefinition>('CustomResourceDefinition', undefined, name)
    if (!crd) return this.requeueGroup(name)
    const { names, accepted, established } = this.calculate(crd)
    const same = (c: CustomResourceDefinitionCondition): boolean => {
      const old = crdCondition(crd, c.type)
      return old?.status === c.status && old.reason === c.reason && old.message === c.message
    }
    if (deepEqual(crd.status?.acceptedNames, names) && same(accepted) && same(established)) return
    const now = toRfc3339(this.ctx.clock.nowMs())
    let conditions = withCrdCondition(crd.status?.conditions, accepted, now)
    conditions = withCrdCondition(conditions, established, now)
    store.updateStatus<CustomResourceDefinition>({
      ...crd,
      status: { ...crd.status, acceptedNames: names, conditions },
    })
    // Names may have been released: others in the group get another look.
    this.requeueGroup(name)
  }

  private requeueGroup(name: string): void {
    const group = this.group(name)
    for (const crd of this.ctx.store.list<CustomResourceDefinition>('CustomResourceDefinition')) {
      if (crd.spec.group === group && crd.metadata.name !== name) this.queue.add(crd.metadata.name)
    }
  }
}
