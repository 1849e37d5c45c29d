import type { Service } from '../../api/core'
import { LABEL_HEADLESS, type Endpoints } from '../../api/discovery'
import { isServiceIPSet } from '../../api/endpoint-util'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import { ServiceMembership } from '../../runtime/service-membership'
import type { WorkQueue } from '../../runtime/work-queue'
import { deepEqual } from '../../store/equality'
import { ApiError } from '../../store/errors'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { endpointSubsets, truncateSubsets } from './subsets'

/** `endpoints.kubernetes.io/over-capacity`: set when the addresses were cut to the capacity. */
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity'

/**
 * The endpoints controller (`pkg/controller/endpoint`): for every Service with a
 * selector, an Endpoints object of the same name listing the pods it selects.
 * Keys are `namespace/service`; a pod's change reaches only the Services that
 * select it, through the shared membership index.
 */
export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly membership: ServiceMembership

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.membership = ServiceMembership.of(ctx.store)
    this.membership.subscribe((namespace, service) => this.queue.add(`${namespace}/${service}`))
    ctx.store.watch(({ object }) => this.queue.add(namespacedName(object)), ['Service'])
    // Endpoints deleted by hand are written again.
    ctx.store.watch(
      ({ type, object }) => {
        if (type === 'DELETED') this.queue.add(namespacedName(object))
      },
      ['Endpoints'],
    )
  }

  reconcile(key: string): void {
    const { namespace, name } = splitNamespacedName(key)
    const store = this.ctx.store
    const svc = store.get<Service>('Service', namespace, name)
    const current = store.get<Endpoints>('Endpoints', namespace, name)
    if (!svc) {
      // A deleted Service takes its Endpoints with it, whoever wrote them.
      if (current) this.remove(current)
      return
    }
    // Services without a selector get Endpoints written by hand; ExternalName ones get none.
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return
    if (svc.spec.type === 'ExternalName') return

    const subsets = endpointSubsets(svc, this.membership.pods(namespace, name))
    const truncated = truncateSubsets(subsets)
    const labels: Record<string, string> = { ...svc.metadata.labels }
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = ''
    const annotations: Record<string, string> = { ...current?.metadata.annotations }
    if (truncated) annotations[OVER_CAPACITY] = 'truncated'
    else delete annotations[OVER_CAPACITY]
    const next: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        ...(current?.metadata ?? { name, namespace }),
        labels: Object.keys(labels).length > 0 ? labels : undefined,
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
    }
    if (subsets.length > 0) next.subsets = subsets
    if (!current) {
      store.createOwned(next)
      return
    }
    if (
      deepEqual(current.subsets ?? [], next.subsets ?? []) &&
      deepEqual(current.metadata.labels ?? {}, next.metadata.labels ?? {}) &&
      deepEqual(current.metadata.annotations ?? {}, next.metadata.annotations ?? {})
    )
      return
    store.updateOwned(next)
  }

  private remove(ep: Endpoints): void {
    try {
      this.ctx.store.delete({
        kind: 'Endpoints',
        namespace: ep.metadata.namespace,
        name: ep.metadata.name,
      })
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
    }
  }
}
