import type { Condition } from './meta'
import type { Pod } from './core'
import { fromRfc3339 } from '../kernel/time'
import { cpuMillis, bytes } from './quantity'

/** Helpers from `k8s.io/kubernetes/pkg/api/v1/pod`. */

export function podCondition(pod: Pod, type: string): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type)
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True'
}

/** Ready, and for at least minReadySeconds (`IsPodAvailable`). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = podCondition(pod, 'Ready')
  if (ready?.status !== 'True') return false
  if (minReadySeconds <= 0) return true
  const since = fromRfc3339(ready.lastTransitionTime ?? '')
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= nowMs
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** Neither finished nor being deleted (`FilterActivePods`). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.metadata.deletionTimestamp === undefined
}

export interface PodRequests {
  cpuMillis: number
  memoryBytes: number
}

/** Replicas share their spec object, so their requests are computed once. */
const requestsBySpec = new WeakMap<object, PodRequests>()

/** Effective requests: the larger of the containers' sum and any single init container. */
export function podRequests(pod: Pod): PodRequests {
  let cached = requestsBySpec.get(pod.spec)
  if (!cached) {
    cached = computeRequests(pod)
    requestsBySpec.set(pod.spec, cached)
  }
  return cached
}

function computeRequests(pod: Pod): PodRequests {
  let cpu = 0
  let memory = 0
  for (const c of pod.spec.containers ?? []) {
    cpu += cpuMillis(c.resources?.requests?.cpu)
    memory += bytes(c.resources?.requests?.memory)
  }
  for (const c of pod.spec.initContainers ?? []) {
    cpu = Math.max(cpu, cpuMillis(c.resources?.requests?.cpu))
    memory = Math.max(memory, bytes(c.resources?.requests?.memory))
  }
  return { cpuMillis: cpu, memoryBytes: memory }
}

/** The ReplicaSet, Job, StatefulSet… that controls an object, if any. */
export function controllerRef(obj: {
  metadata: {
    ownerReferences?: { controller?: boolean; kind: string; name: string; uid: string }[]
  }
}) {
  return obj.metadata.ownerReferences?.find((r) => r.controller)
}
