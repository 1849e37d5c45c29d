import type {
  HTTPIngressPath,
  Ingress,
  IngressBackend,
  IngressRule,
  PathType,
} from '../api/networking'

/**
 * Which backend of an Ingress answers a request, by the rules of the Ingress API
 * as ingress-nginx applies them: the most specific host wins (exact, then
 * wildcard of one label, then rules without a host); within it the longest
 * matching path, an Exact path before a Prefix one of the same length; when no
 * path matches, the default backend. Pure: reads only the Ingress.
 */

export interface IngressRequest {
  /** The Host header; a port after it is ignored. */
  readonly host: string
  readonly path: string
}

export interface IngressMatch {
  readonly backend: IngressBackend
  /** The rule and path that matched; both absent when the default backend answers. */
  readonly rule?: IngressRule
  readonly path?: HTTPIngressPath
}

const segments = (path: string): string[] => path.split('/').filter((s) => s !== '')

/** Whether a request path matches one path of a rule. */
export function pathMatches(
  pathType: PathType | undefined,
  rulePath: string,
  requestPath: string,
): boolean {
  const path = rulePath || '/'
  switch (pathType) {
    case 'Exact':
      return requestPath === path
    case 'Prefix': {
      // Element by element: `/foo` matches `/foo`, `/foo/` and `/foo/bar`, not `/foobar`.
      const want = segments(path)
      const have = segments(requestPath)
      return want.length <= have.length && want.every((s, i) => have[i] === s)
    }
    case 'ImplementationSpecific':
      // ingress-nginx reads it as a prefix of the path string.
      return requestPath.startsWith(path)
    default:
      return false
  }
}

/** How well a rule's host fits the request's: 2 exact, 1 wildcard, 0 a rule without host; undefined when it does not. */
function hostRank(ruleHost: string | undefined, host: string): number | undefined {
  if (!ruleHost) return 0
  if (ruleHost === host) return 2
  if (ruleHost.startsWith('*.')) {
    const dot = host.indexOf('.')
    // A wildcard covers exactly one label.
    if (dot > 0 && host.slice(dot + 1) === ruleHost.slice(2)) return 1
  }
  return undefined
}

export function matchIngress(ingress: Ingress, request: IngressRequest): IngressMatch | undefined {
  const host = request.host.replace(/:\d+$/, '').toLowerCase()
  const rules = ingress.spec.rules ?? []
  let rank = -1
  for (const rule of rules) {
    const r = hostRank(rule.host, host)
    if (r !== undefined && r > rank) rank = r
  }
  let best: { rule: IngressRule; path: HTTPIngressPath; length: number; exact: boolean } | undefined
  for (const rule of rules) {
    if (hostRank(rule.host, host) !== rank) continue
    for (const path of rule.http?.paths ?? []) {
      if (!pathMatches(path.pathType, path.path ?? '', request.path)) continue
      const length = (path.path || '/').length
      const exact = path.pathType === 'Exact'
      if (!best || length > best.length || (length === best.length && exact && !best.exact))
        best = { rule, path, length, exact }
    }
  }
  if (best) return { backend: best.path.backend, rule: best.rule, path: best.path }
  const fallback = ingress.spec.defaultBackend
  return fallback ? { backend: fallback } : undefined
}
