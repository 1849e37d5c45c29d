import type { Taint, Toleration } from '../../api/core'
import { tolerationsTolerateTaint } from '../../api/tolerations'

/**
 * For checks that live outside the default profile's plugins (the DaemonSet
 * controller's node check, volume binding): a node's refusal in kube-scheduler's
 * words, and whether preemption could help.
 */
export interface FilterResult {
  reasons: string[]
  unresolvable: boolean
}

/** Whether any toleration tolerates the taint (`TolerationsTolerateTaint`). */
export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerationsTolerateTaint(tolerations, taint)
}
