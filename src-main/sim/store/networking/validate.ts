import type { KubeObject } from '../../api/meta'
import {
  ANNOTATION_INGRESS_CLASS,
  type HTTPIngressPath,
  type Ingress,
  type IngressBackend,
  type IngressClass,
  type IngressRule,
} from '../../api/networking'
import {
  go,
  invalid,
  invalidEach,
  isDns1035Label,
  isDns1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDns1123Subdomain,
  notSupported,
  required,
} from '../field-checks'
import { isIPv4, isIPv6 } from '../service/ranges'
import type { FieldError } from '../validate'

/** `ValidateIngressCreate` and `ValidateIngressClass` (`pkg/apis/networking/validation`). */

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix']
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F']
const INVALID_SUFFIXES = ['/..', '/.']

function backendErrors(backend: IngressBackend | undefined, at: string): FieldError[] {
  const hasResource = backend?.resource !== undefined
  const service = backend?.service
  if (hasResource && service)
    return [invalid(at, '', 'cannot set both resource and service backends')]
  if (hasResource) {
    const r = backend!.resource!
    const errors: FieldError[] = []
    if (!r.kind) errors.push(required(`${at}.resource.kind`))
    if (!r.name) errors.push(required(`${at}.resource.name`))
    return errors
  }
  if (!service) return [invalid(at, '', 'resource or service backend is required')]
  const errors: FieldError[] = []
  if (!service.name) errors.push(required(`${at}.service.name`))
  else errors.push(...invalidEach(`${at}.service.name`, service.name, isDns1035Label(service.name)))
  const name = service.port?.name ?? ''
  const number = service.port?.number ?? 0
  if (name && number) errors.push(invalid(at, '', 'cannot set both port name & port number'))
  else if (name) errors.push(...invalidEach(`${at}.service.port.name`, name, isValidPortName(name)))
  else if (number)
    errors.push(...invalidEach(`${at}.service.port.number`, number, isValidPortNum(number)))
  else errors.push(required(at, 'port name or number is required'))
  return errors
}

function pathErrors(path: HTTPIngressPath, at: string): FieldError[] {
  if (path.pathType === undefined) return [required(`${at}.pathType`, 'pathType must be specified')]
  const errors: FieldError[] = []
  const value = path.path ?? ''
  if (path.pathType === 'Exact' || path.pathType === 'Prefix') {
    if (!value.startsWith('/'))
      errors.push(invalid(`${at}.path`, value, 'must be an absolute path'))
    if (value.length > 0) {
      for (const seq of INVALID_SEQUENCES)
        if (value.includes(seq))
          errors.push(invalid(`${at}.path`, value, `must not contain '${seq}'`))
      for (const suffix of INVALID_SUFFIXES)
        if (value.endsWith(suffix))
          errors.push(invalid(`${at}.path`, value, `cannot end with '${suffix}'`))
    }
  } else if (path.pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/'))
      errors.push(invalid(`${at}.path`, value, 'must be an absolute path'))
  } else errors.push(notSupported(`${at}.pathType`, path.pathType, PATH_TYPES))
  errors.push(...backendErrors(path.backend, `${at}.backend`))
  return errors
}

function ruleErrors(rule: IngressRule, at: string): FieldError[] {
  const errors: FieldError[] = []
  const host = rule.host ?? ''
  if (host) {
    if (isIPv4(host) || isIPv6(host))
      errors.push(invalid(`${at}.host`, host, 'must be a DNS name, not an IP address'))
    const check = host.includes('*') ? isWildcardDns1123Subdomain : isDns1123Subdomain
    errors.push(...invalidEach(`${at}.host`, host, check(host)))
  }
  if (rule.http) {
    const paths = rule.http.paths ?? []
    if (paths.length === 0) errors.push(required(`${at}.http.paths`))
    paths.forEach((p, i) =>
      errors.push(...pathErrors(p ?? ({} as HTTPIngressPath), `${at}.http.paths[${i}]`)),
    )
  }
  return errors
}

export function validateIngress(obj: KubeObject): FieldError[] {
  const ing = obj as Ingress
  const spec = ing.spec
  if (!spec || typeof spec !== 'object') return [required('spec')]
  const errors: FieldError[] = []
  const rules = Array.isArray(spec.rules) ? spec.rules : []
  if (rules.length === 0 && !spec.defaultBackend)
    errors.push(
      invalid(
        'spec',
        go('[]networking.IngressRule(nil)'),
        'either `defaultBackend` or `rules` must be specified',
      ),
    )
  if (spec.defaultBackend) errors.push(...backendErrors(spec.defaultBackend, 'spec.defaultBackend'))
  rules.forEach((r, i) => errors.push(...ruleErrors(r ?? {}, `spec.rules[${i}]`)))
  ;(spec.tls ?? []).forEach((tls, t) =>
    (tls.hosts ?? []).forEach((host, h) => {
      const check = host.includes('*') ? isWildcardDns1123Subdomain : isDns1123Subdomain
      errors.push(...invalidEach(`spec.tls[${t}].hosts[${h}]`, host, check(host)))
    }),
  )
  if (spec.ingressClassName !== undefined)
    errors.push(
      ...invalidEach(
        'spec.ingressClassName',
        spec.ingressClassName,
        isDns1123Subdomain(spec.ingressClassName),
      ),
    )
  const annotation = ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS]
  if (
    annotation !== undefined &&
    spec.ingressClassName !== undefined &&
    annotation !== spec.ingressClassName
  )
    errors.push(
      invalid(
        `annotations.${ANNOTATION_INGRESS_CLASS}`,
        annotation,
        'must match `ingressClassName` when both are specified',
      ),
    )
  return errors
}

export function validateIngressClass(obj: KubeObject): FieldError[] {
  const spec = (obj as IngressClass).spec
  if (!spec?.controller) return [required('spec.controller')]
  if (spec.controller.length > 250)
    return [{ field: 'spec.controller', type: 'Too long', detail: 'must have at most 250 bytes' }]
  return []
}

export function validateIngressClassUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = (obj as IngressClass).spec?.controller
  const prev = (old as IngressClass).spec?.controller
  return next === prev ? [] : [invalid('spec.controller', next ?? '', 'field is immutable')]
}
