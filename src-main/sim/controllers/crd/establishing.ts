import {
  isCrdConditionTrue,
  withCrdCondition,
  type CustomResourceDefinition,
} from '../../api/apiextensions'
import { toRfc3339 } from '../../kernel/time'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import type { WorkQueue } from '../../runtime/work-queue'

/**
 * The apiextensions-apiserver's `EstablishingController`: a CRD whose names are
 * accepted becomes `Established` (one API server: at once), and from then on
 * its kind is served.
 */
export class CrdEstablishingController implements Controller {
  readonly name = 'crd-establishing-controller'
  readonly queue: WorkQueue

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        const crd = object as CustomResourceDefinition
        if (
          type !== 'DELETED' &&
          isCrdConditionTrue(crd, 'NamesAccepted') &&
          !isCrdConditionTrue(crd, 'Established')
        )
          this.queue.add(crd.metadata.name)
      },
      ['CustomResourceDefinition'],
    )
  }

  reconcile(name: string): void {
    const crd = this.ctx.store.get<CustomResourceDefinition>(
      'CustomResourceDefinition',
      undefined,
      name,
    )
    if (!crd || !isCrdConditionTrue(crd, 'NamesAccepted') || isCrdConditionTrue(crd, 'Established'))
      return
    const conditions = withCrdCondition(
      crd.status?.conditions,
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
      toRfc3339(this.ctx.clock.nowMs()),
    )
    this.ctx.store.updateStatus<CustomResourceDefinition>({
      ...crd,
      status: { ...crd.status, conditions },
    })
  }
}
