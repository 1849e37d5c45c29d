import type { KubeObject } from '../../api/meta'
import type { EndpointsShape } from '../print/endpoints'
import type { EndpointSliceShape } from '../print/endpointslice'
import type { IngressBackendShape, IngressShape } from '../print/ingress'
import { loadBalancerAddresses } from '../print/service'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { tabbed } from './prefix-writer'
import { formatEndpointSlices, serviceSlices } from './service'

/** `describeBackendV1`: `web:80 (10.244.1.5:80,10.244.2.3:80)`. */
function describeBackend(
  ctx: DescribeContext,
  namespace: string | undefined,
  backend: IngressBackendShape,
): string {
  if (backend.service) {
    const b = backend.service
    const port = b.port?.number ? String(b.port.number) : (b.port?.name ?? '')
    const text = `${b.name}:${port}`
    const svc = ctx.store.get<KubeObject & { spec: { ports?: { name?: string; port: number }[] } }>(
      'Service',
      namespace,
      b.name,
    )
    if (!svc) return `${text} (<error: services "${b.name}" not found>)`
    let portName = ''
    for (const sp of svc.spec.ports ?? []) {
      if (b.port?.number && b.port.number === sp.port) portName = sp.name ?? ''
      else if (b.port?.name && b.port.name === sp.name) portName = sp.name ?? ''
    }
    return `${text} (${formatEndpointSlices(serviceSlices(ctx, namespace, b.name), new Set([portName]))})`
  }
  if (backend.resource) {
    const r = backend.resource
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}`
  }
  return ''
}

/** `describeIngressV1`. */
export function describeIngress(obj: KubeObject, ctx: DescribeContext): string {
  const ing = obj as IngressShape
  const ns = ing.metadata.namespace
  const events = searchEvents(ctx, ing)
  return tabbed((w) => {
    w.write(0, `Name:\t${ing.metadata.name}\n`)
    printLabelsMultiline(w, 'Labels', ing.metadata.labels)
    w.write(0, `Namespace:\t${ns ?? ''}\n`)
    w.write(0, `Address:\t${loadBalancerAddresses(ing.status?.loadBalancer?.ingress)}\n`)
    w.write(0, `Ingress Class:\t${ing.spec.ingressClassName ?? '<none>'}\n`)
    const def = ing.spec.defaultBackend
      ? describeBackend(ctx, ns, ing.spec.defaultBackend)
      : '<default>'
    w.write(0, `Default backend:\t${def}\n`)
    if ((ing.spec.tls ?? []).length > 0) {
      w.write(0, 'TLS:\n')
      for (const t of ing.spec.tls!) {
        const hosts = (t.hosts ?? []).join(',')
        w.write(1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`)
      }
    }
    w.write(0, 'Rules:\n  Host\tPath\tBackends\n')
    w.write(1, '----\t----\t--------\n')
    let count = 0
    for (const rule of ing.spec.rules ?? []) {
      if (!rule.http) continue
      count++
      w.write(1, `${rule.host || '*'}\t\n`)
      for (const path of rule.http.paths)
        w.write(2, `\t${path.path ?? ''} \t${describeBackend(ctx, ns, path.backend)}\n`)
    }
    if (count === 0) w.write(1, `*\t*\t${def}\n`)
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations)
    describeEvents(events, w, ctx)
  })
}

/** `describeEndpoints`. */
export function describeEndpoints(obj: KubeObject, ctx: DescribeContext): string {
  const ep = obj as EndpointsShape & {
    subsets?: { ports?: { name?: string; port: number; protocol?: string }[] }[]
  }
  const events = searchEvents(ctx, ep)
  return tabbed((w) => {
    w.write(0, `Name:\t${ep.metadata.name}\n`)
    w.write(0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', ep.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations)
    w.write(0, 'Subsets:\n')
    for (const subset of ep.subsets ?? []) {
      w.write(1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
      w.write(
        1,
        `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`,
      )
      if ((subset.ports ?? []).length > 0) {
        w.write(1, 'Ports:\n')
        w.write(2, 'Name\tPort\tProtocol\n')
        w.write(2, '----\t----\t--------\n')
        for (const p of subset.ports!)
          w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`)
      }
      w.write(0, '\n')
    }
    describeEvents(events, w, ctx)
  })
}

/** `describeEndpointSliceV1`. */
export function describeEndpointSlice(obj: KubeObject, ctx: DescribeContext): string {
  const slice = obj as EndpointSliceShape
  const events = searchEvents(ctx, slice)
  return tabbed((w) => {
    w.write(0, `Name:\t${slice.metadata.name}\n`)
    w.write(0, `Namespace:\t${slice.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', slice.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', slice.metadata.annotations)
    w.write(0, `AddressType:\t${slice.addressType ?? ''}\n`)
    const ports = slice.ports ?? []
    if (ports.length === 0) w.write(0, 'Ports: <unset>\n')
    else {
      w.write(0, 'Ports:\n')
      w.write(1, 'Name\tPort\tProtocol\n')
      w.write(1, '----\t----\t--------\n')
      for (const p of ports)
        w.write(
          1,
          `${p.name || '<unset>'}\t${p.port !== undefined ? p.port : '<unset>'}\t${p.protocol ?? ''}\n`,
        )
    }
    const endpoints = slice.endpoints ?? []
    if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n')
    else {
      w.write(0, 'Endpoints:\n')
      for (const e of endpoints) {
        w.write(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`)
        w.write(2, 'Conditions:\n')
        w.write(
          3,
          `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`,
        )
        w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`)
        if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name}\n`)
        w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`)
        w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`)
      }
    }
    describeEvents(events, w, ctx)
  })
}
