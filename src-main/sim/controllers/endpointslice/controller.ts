import type { Node, Service } from '../../api/core'
import {
  ENDPOINTSLICE_CONTROLLER,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  type EndpointSlice,
} from '../../api/discovery'
import { isServiceIPSet } from '../../api/endpoint-util'
import type { Controller } from '../../runtime/controller'
import type { ControllerContext } from '../../runtime/context'
import { ServiceMembership } from '../../runtime/service-membership'
import type { WorkQueue } from '../../runtime/work-queue'
import { deepEqual } from '../../store/equality'
import { ApiError } from '../../store/errors'
import { namespacedName, splitNamespacedName } from '../../store/keys'
import { desiredEndpoints } from './desired'
import { placeEndpoints, type SliceContent } from './placement'

const ZONE_LABEL = 'topology.kubernetes.io/zone'

/** Labels a slice carries: the Service's, then the reserved ones. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {}))
    if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== LABEL_HEADLESS) labels[k] = v
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = ''
  labels[LABEL_SERVICE_NAME] = svc.metadata.name
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER
  return labels
}

/**
 * The endpointslice controller (`pkg/controller/endpointslice`): for every Service
 * with a selector, EndpointSlices (`<service>-<5 chars>`, owned by the Service)
 * holding its pods, at most 100 to a slice, with ready/serving/terminating
 * conditions. Keys are `namespace/service`.
 */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller'
  readonly runsIn = 'kube-controller-manager'
  readonly queue: WorkQueue
  private readonly membership: ServiceMembership

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.newQueue(this.name)
    this.membership = ServiceMembership.of(ctx.store)
    this.membership.subscribe((namespace, service) => this.queue.add(`${namespace}/${service}`))
    ctx.store.watch(({ object }) => this.queue.add(namespacedName(object)), ['Service'])
    // A slice changed or deleted by someone else is put right.
    ctx.store.watch(
      ({ object }) => {
        const labels = object.metadata.labels
        const service = labels?.[LABEL_SERVICE_NAME]
        if (service && labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER)
          this.queue.add(`${object.metadata.namespace}/${service}`)
      },
      ['EndpointSlice'],
    )
  }

  reconcile(key: string): void {
    const { namespace, name } = splitNamespacedName(key)
    const svc = this.ctx.store.get<Service>('Service', namespace, name)
    // The garbage collector removes the slices of a deleted Service (they name it as owner).
    if (!svc) return
    const existing = this.ctx.store
      .dependents<EndpointSlice>(svc.metadata.uid!, 'EndpointSlice')
      .filter(
        (s) =>
          s.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER &&
          s.addressType === 'IPv4' &&
          !s.metadata.deletionTimestamp,
      )
    if (svc.spec.type === 'ExternalName') {
      for (const slice of existing) this.remove(slice)
      return
    }
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return

    const desired = desiredEndpoints(svc, this.membership.pods(namespace, name), this.zoneOf)
    const { write, remove } = placeEndpoints(existing, desired)
    const labels = sliceLabels(svc)
    for (const content of write) this.write(svc, labels, content)
    for (const slice of existing) {
      if (!write.some((w) => w.existing === slice) && !deepEqual(slice.metadata.labels, labels))
        this.write(svc, labels, {
          existing: slice,
          ports: slice.ports ?? [],
          endpoints: slice.endpoints,
        })
    }
    for (const slice of remove) this.remove(slice)
  }

  private readonly zoneOf = (nodeName: string): string | undefined =>
    this.ctx.store.get<Node>('Node', undefined, nodeName)?.metadata.labels?.[ZONE_LABEL]

  private write(svc: Service, labels: Record<string, string>, content: SliceContent): void {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: content.existing
        ? { ...content.existing.metadata, labels }
        : {
            name: '',
            generateName: `${svc.metadata.name}-`,
            namespace: svc.metadata.namespace,
            labels,
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'Service',
                name: svc.metadata.name,
                uid: svc.metadata.uid!,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
      addressType: 'IPv4',
      endpoints: content.endpoints,
      ports: content.ports,
    }
    if (content.existing) this.ctx.store.updateOwned(slice)
    else this.ctx.store.createOwned(slice)
  }

  private remove(slice: EndpointSlice): void {
    try {
      this.ctx.store.delete({
        kind: 'EndpointSlice',
        namespace: slice.metadata.namespace,
        name: slice.metadata.name,
      })
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e
    }
  }
}
