import type { PodSpec, Toleration } from '../api/core'

/** `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds`. */
export const DEFAULT_TOLERATION_SECONDS = 300

const NOT_READY = 'node.kubernetes.io/not-ready'
const UNREACHABLE = 'node.kubernetes.io/unreachable'

function toleratesNoExecute(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some(
    (t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect),
  )
}

/**
 * The `DefaultTolerationSeconds` admission plugin: a pod that does not already
 * tolerate a node going not-ready or unreachable does so for 300 seconds, after
 * which the taint eviction controller deletes it.
 */
export function addDefaultTolerationSeconds(spec: PodSpec | undefined): void {
  if (!spec) return
  const tolerations = spec.tolerations ?? []
  const added: Toleration[] = []
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (toleratesNoExecute(tolerations, key)) continue
    added.push({
      key,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
    })
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added]
}

const admitted = new WeakMap<PodSpec, PodSpec>()

/**
 * The same admission for a pod a controller creates from its template: pods of
 * one template share one admitted spec, so the plugin costs nothing per pod.
 */
export function admittedPodSpec(spec: PodSpec): PodSpec {
  let result = admitted.get(spec)
  if (!result) {
    const copy = { ...spec }
    addDefaultTolerationSeconds(copy)
    result = copy.tolerations === spec.tolerations ? spec : copy
    admitted.set(spec, result)
  }
  return result
}
