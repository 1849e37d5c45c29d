import type { KubeObject } from '../../api/meta'
import { joinHostPort } from '../print/endpoints'
import type { EndpointSliceShape } from '../print/endpointslice'
import { formatLabels } from '../format'
import type { ServiceShape } from '../print/service'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { tabbed } from './prefix-writer'

interface ServiceDetail extends ServiceShape {
  spec: ServiceShape['spec'] & {
    ports?: {
      name?: string
      port: number
      protocol?: string
      targetPort?: number | string
      nodePort?: number
    }[]
    ipFamilyPolicy?: string
    ipFamilies?: string[]
    loadBalancerIP?: string
    sessionAffinity?: string
    externalTrafficPolicy?: string
    internalTrafficPolicy?: string
    healthCheckNodePort?: number
    loadBalancerSourceRanges?: string[]
  }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } }
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

/** The EndpointSlices of a Service, by their `kubernetes.io/service-name` label. */
export function serviceSlices(
  ctx: DescribeContext,
  namespace: string | undefined,
  service: string,
): EndpointSliceShape[] {
  return ctx.store
    .list<EndpointSliceShape>('EndpointSlice', { namespace })
    .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === service)
}

/**
 * `formatEndpointSlices` for the ports named in `portNames` (every port when
 * absent): ready endpoints as `ip:port`, at most 3, then ` + N more...`.
 */
export function formatEndpointSlices(
  slices: readonly EndpointSliceShape[],
  portNames?: ReadonlySet<string>,
): string {
  if (slices.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? []
    const ready = (e: (typeof endpoints)[number]): boolean => e.conditions?.ready !== false
    if ((slice.ports ?? []).length === 0) {
      for (const e of endpoints) {
        if (list.length === max) more = true
        if (!ready(e)) continue
        if (!more) list.push(e.addresses[0]!)
        count++
      }
      continue
    }
    for (const port of slice.ports ?? []) {
      if (portNames && !portNames.has(port.name ?? '')) continue
      for (const e of endpoints) {
        if (list.length === max) more = true
        if (!ready(e)) continue
        if (!more) list.push(joinHostPort(e.addresses[0]!, port.port ?? 0))
        count++
      }
    }
  }
  const text = list.join(',')
  return more ? `${text} + ${count - max} more...` : text
}

/** `buildIngressString`. */
function loadBalancerIngress(
  ingress: NonNullable<ServiceDetail['status']>['loadBalancer'],
): string {
  return (ingress?.ingress ?? [])
    .map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? '')))
    .join(', ')
}

/** `describeService`. */
export function describeService(obj: KubeObject, ctx: DescribeContext): string {
  const svc = obj as ServiceDetail
  const spec = svc.spec
  const slices = serviceSlices(ctx, svc.metadata.namespace, svc.metadata.name)
  const events = searchEvents(ctx, svc)
  return tabbed((w) => {
    w.write(0, `Name:\t${svc.metadata.name}\n`)
    w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', svc.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations)
    w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`)
    w.write(0, `Type:\t${spec.type ?? ''}\n`)
    if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
    w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`)
    w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`)
    w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`)
    if ((spec.externalIPs ?? []).length > 0)
      w.write(0, `External IPs:\t${spec.externalIPs!.join(',')}\n`)
    if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`)
    if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`)
    if ((svc.status?.loadBalancer?.ingress ?? []).length > 0)
      w.write(0, `LoadBalancer Ingress:\t${loadBalancerIngress(svc.status?.loadBalancer)}\n`)
    for (const port of spec.ports ?? []) {
      const name = port.name || '<unset>'
      const protocol = port.protocol ?? ''
      w.write(0, `Port:\t${name}\t${port.port}/${protocol}\n`)
      w.write(0, `TargetPort:\t${port.targetPort ?? 0}/${protocol}\n`)
      if (port.nodePort) w.write(0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`)
      w.write(0, `Endpoints:\t${formatEndpointSlices(slices, new Set([port.name ?? '']))}\n`)
    }
    w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`)
    if (spec.externalTrafficPolicy)
      w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
    if (spec.internalTrafficPolicy)
      w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
    if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`)
    if ((spec.loadBalancerSourceRanges ?? []).length > 0)
      w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`)
    describeEvents(events, w, ctx)
  })
}
