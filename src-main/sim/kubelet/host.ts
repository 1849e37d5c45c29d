import type { Pod } from '../api/core'
import type { Registry } from '../images/registry'
import type { ControllerContext } from '../runtime/context'
import type { NodeAgent } from './node-agent'
import type { PodRuntime } from './runtime-state'
import type { Delay, KubeletTimings } from './stages'

/** What the kubelet's parts (image pulls, containers, probes) need from the kubelet. */
export interface KubeletHost {
  readonly ctx: ControllerContext
  readonly registry: Registry
  readonly timings: KubeletTimings
  /** A delay drawn from a stage's base and jitter. */
  delay(d: Delay): number
  /** Runs `fn` after `delayMs` if the pod is still the same; then the pod is synced and its status written. */
  later(rt: PodRuntime, delayMs: number, label: string, fn: () => void): void
  /** Records an event about the pod, if it is still there: `pod` when the caller holds it already, live. */
  event(
    rt: PodRuntime,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    pod?: Pod,
  ): void
  pod(rt: PodRuntime): Pod | undefined
  agent(rt: PodRuntime): NodeAgent | undefined
  /** The fraction of CPU the machines under a node take from it now (0 when the host has room). */
  cpuSteal(nodeName: string): number
}
