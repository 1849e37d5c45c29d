import type { KubeObject } from '../../api/meta'
import { AGE, NAME, age, printer } from './printer'
import { loadBalancerAddresses } from './service'

export interface IngressBackendShape {
  service?: { name: string; port?: { number?: number; name?: string } }
  resource?: { apiGroup?: string; kind: string; name: string }
}

export interface IngressShape extends KubeObject {
  spec: {
    ingressClassName?: string
    defaultBackend?: IngressBackendShape
    tls?: { hosts?: string[]; secretName?: string }[]
    rules?: {
      host?: string
      http?: { paths: { path?: string; pathType?: string; backend: IngressBackendShape }[] }
    }[]
  }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

/** `formatHosts`: up to three hosts, `*` when none. */
function formatHosts(ing: IngressShape): string {
  const rules = ing.spec.rules ?? []
  const list: string[] = []
  let more = false
  for (const rule of rules) {
    if (list.length === 3) more = true
    if (!more && rule.host) list.push(rule.host)
  }
  if (list.length === 0) return '*'
  const text = list.join(',')
  return more ? `${text} + ${rules.length - 3} more...` : text
}

/** `printIngress`: PORTS is `80`, or `80, 443` with TLS. */
export const ingressPrinter = printer<IngressShape>(
  [NAME, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, AGE],
  (ing, ctx) => [
    ing.metadata.name,
    ing.spec.ingressClassName ?? '<none>',
    formatHosts(ing),
    loadBalancerAddresses(ing.status?.loadBalancer?.ingress),
    (ing.spec.tls ?? []).length > 0 ? '80, 443' : '80',
    age(ing, ctx),
  ],
)

/** `printIngressClass`. */
export const ingressClassPrinter = printer<
  KubeObject & {
    spec: { controller?: string; parameters?: { apiGroup?: string; kind: string; name: string } }
  }
>([NAME, { name: 'Controller' }, { name: 'Parameters' }, AGE], (ic, ctx) => {
  const p = ic.spec.parameters
  const parameters = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>'
  return [ic.metadata.name, ic.spec.controller ?? '', parameters, age(ic, ctx)]
})
