import type { PodSpec } from '../api/core'
import type { ContainerRuntime } from './runtime-state'

/**
 * Whether a container that exited with `exitCode` is started again: the pod's
 * restartPolicy for app containers (`Always`, `OnFailure`, `Never`); init
 * containers restart on failure unless the policy is Never; sidecars always.
 */
export function shouldRestart(c: ContainerRuntime, spec: PodSpec, exitCode: number): boolean {
  if (c.sidecar) return true
  const policy = spec.restartPolicy ?? 'Always'
  if (c.init) return exitCode !== 0 && policy !== 'Never'
  if (policy === 'Always') return true
  if (policy === 'OnFailure') return exitCode !== 0
  return false
}

/** The terminated reason the runtime reports: Completed, Error, OOMKilled, StartError. */
export function terminationReason(exitCode: number, oom: boolean, startError: boolean): string {
  if (startError) return 'StartError'
  if (oom) return 'OOMKilled'
  return exitCode === 0 ? 'Completed' : 'Error'
}
