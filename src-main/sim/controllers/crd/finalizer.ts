import {
  CUSTOM_RESOURCE_CLEANUP_FINALIZER,
  isCrdConditionTrue,
  withCrdCondition,
  type CustomResourceDefinition,
  type CustomResourceDefinitionCondition,
} from '../../api/apiextensions'
import { fromRfc3339, toRfc3339 } from '../../kernel/time'
import type { Controller, ReconcileResult } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import { defaultControllerBackoff } from '../../runtime/failure-backoff'
import type { WorkQueue } from '../../runtime/work-queue'
import { ApiError } from '../../store/errors'

/** How often, and how long, the finalizer looks for instances still there (`wait.PollImmediate(5s, 1m)`). */
const POLL_MS = 5_000
const POLL_TIMEOUT_MS = 60_000

/**
 * The apiextensions-apiserver's `CRDFinalizer`: a CRD being deleted has its
 * custom resources deleted, waits for them to be gone, then loses its cleanup
 * finalizer, and with it goes (and its kind stops being served).
 */
export class CrdFinalizer implements Controller {
  readonly name = 'crd-finalizer'
  readonly queue: WorkQueue
  private readonly backoff = defaultControllerBackoff()

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object }) => {
        if (type !== 'DELETED' && object.metadata.deletionTimestamp)
          this.queue.add(object.metadata.name)
      },
      ['CustomResourceDefinition'],
    )
  }

  private get(name: string): CustomResourceDefinition | undefined {
    return this.ctx.store.get<CustomResourceDefinition>('CustomResourceDefinition', undefined, name)
  }

  private setTerminating(
    crd: CustomResourceDefinition,
    condition: Omit<CustomResourceDefinitionCondition, 'type'>,
  ): CustomResourceDefinition {
    const conditions = withCrdCondition(
      crd.status?.conditions,
      { type: 'Terminating', ...condition },
      toRfc3339(this.ctx.clock.nowMs()),
    )
    return this.ctx.store.updateStatus<CustomResourceDefinition>({
      ...crd,
      status: { ...crd.status, conditions },
    })
  }

  reconcile(name: string): ReconcileResult | void {
    try {
      const result = this.sync(name)
      if (!result) this.backoff.forget(name)
      return result
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return { requeueAfterMs: this.backoff.next(name) }
    }
  }

  private sync(name: string): ReconcileResult | void {
    let crd = this.get(name)
    if (!crd?.metadata.deletionTimestamp) return
    if (!(crd.metadata.finalizers ?? []).includes(CUSTOM_RESOURCE_CLEANUP_FINALIZER)) return
    crd = this.setTerminating(crd, {
      status: 'True',
      reason: 'InstanceDeletionInProgress',
      message: 'CustomResource deletion is in progress',
    })
    if (isCrdConditionTrue(crd, 'Established')) {
      const waiting = this.deleteInstances(crd)
      if (waiting !== undefined) return waiting
    } else {
      this.setTerminating(crd, {
        status: 'False',
        reason: 'NeverEstablished',
        message: 'resource was never established',
      })
    }
    const latest = this.get(name)
    if (!latest) return
    const finalizers = (latest.metadata.finalizers ?? []).filter(
      (f) => f !== CUSTOM_RESOURCE_CLEANUP_FINALIZER,
    )
    this.ctx.store.updateOwned<CustomResourceDefinition>({
      ...latest,
      metadata: {
        ...latest.metadata,
        finalizers: finalizers.length > 0 ? finalizers : undefined,
        resourceVersion: undefined,
      },
    })
  }

  /** `deleteInstances`: undefined once none is left, else when to look again. */
  private deleteInstances(crd: CustomResourceDefinition): ReconcileResult | undefined {
    const store = this.ctx.store
    const kind = store.kinds.servedBy(crd.metadata.name)?.kind
    const items = kind ? store.list(kind) : []
    for (const item of items) {
      try {
        store.delete({
          kind: item.kind,
          namespace: item.metadata.namespace,
          name: item.metadata.name,
        })
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
      }
    }
    if (!kind || store.count(kind) === 0) {
      this.setTerminating(crd, {
        status: 'False',
        reason: 'InstanceDeletionCompleted',
        message: 'removed all instances',
      })
      return undefined
    }
    const waitedMs = this.ctx.clock.nowMs() - fromRfc3339(crd.metadata.deletionTimestamp!)
    if (waitedMs < POLL_TIMEOUT_MS) return { requeueAfterMs: POLL_MS }
    this.setTerminating(this.get(crd.metadata.name)!, {
      status: 'True',
      reason: 'InstanceDeletionCheck',
      message:
        'could not confirm zero CustomResources remaining: timed out waiting for the condition',
    })
    return { requeueAfterMs: this.backoff.next(crd.metadata.name) }
  }
}
