import type { Taint, Toleration } from './core'

/** `Toleration.ToleratesTaint` (`k8s.io/api/core/v1/toleration.go`); an empty key or effect matches any. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false
  if (toleration.key && toleration.key !== taint.key) return false
  switch (toleration.operator ?? 'Equal') {
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[],
  taint: Taint,
): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true
  return false
}

/** `FindMatchingUntoleratedTaint`: the first taint passing `applies` that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  applies: (taint: Taint) => boolean = () => true,
): Taint | undefined {
  for (const taint of taints) {
    if (applies(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint
  }
  return undefined
}

/**
 * `GetMatchingTolerations`: whether every taint is tolerated, and for each taint
 * the first toleration that tolerates it.
 */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = []
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint))
    if (!match) return { allTolerated: false, used: [] }
    used.push(match)
  }
  return { allTolerated: true, used }
}
