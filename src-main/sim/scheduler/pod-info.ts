import type { Pod, PodSpec, Toleration } from '../api/core'
import type { PreferredSchedulingTerm } from '../api/affinity'
import { controllerRef } from '../api/pod-util'
import { bytes, cpuMillis } from '../api/quantity'
import type { TopologySpreadConstraint } from '../api/topology-spread'
import { namespacedName } from '../store/keys'
import {
  NO_TERMS,
  compilePodAffinityTerms,
  hasPodAffinity,
  type PodAffinityTerms,
} from './affinity-term'

/** `schedutil.DefaultMilliCPURequest` and `DefaultMemoryRequest`, for containers that ask for nothing. */
const DEFAULT_CPU_MILLIS = 100
const DEFAULT_MEMORY_BYTES = 200 * 2 ** 20

export interface HostPort {
  ip: string
  protocol: string
  port: number
}

/** What the plugins need of a pod spec; replicas share their spec, so this is computed once per spec. */
export interface SpecInfo {
  cpuMillis: number
  memoryBytes: number
  /** Requests with the scheduler's defaults for containers that set none; for scoring. */
  nonZeroCpuMillis: number
  nonZeroMemoryBytes: number
  /** The same for pods with the same requests: what a node's remembered resource scores are keyed by. */
  requestId: number
  tolerations: readonly Toleration[]
  hostPorts: readonly HostPort[]
  /** A `nodeSelector` or required node affinity to check (`GetRequiredNodeAffinity`). */
  hasRequiredNodeAffinity: boolean
  /** Preferred node affinity terms that can count (a non-zero weight and a non-empty preference). */
  preferredNodeTerms: readonly PreferredSchedulingTerm[]
  spreadConstraints: readonly TopologySpreadConstraint[]
}

/** Each distinct set of requests gets a small number, so a node can remember its score for it. */
const requestIds = new Map<string, number>()

function requestId(cpu: number, memory: number, nzCpu: number, nzMemory: number): number {
  const key = `${cpu}/${memory}/${nzCpu}/${nzMemory}`
  let id = requestIds.get(key)
  if (id === undefined) requestIds.set(key, (id = requestIds.size + 1))
  return id
}

/** `HostPortInfo.sanitize`: an empty address binds every address, an empty protocol is TCP. */
function hostPorts(spec: PodSpec): readonly HostPort[] {
  let out: HostPort[] | undefined
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      // The API server gives a host-network pod's ports a host port equal to the container port.
      const port = p.hostPort ?? (spec.hostNetwork ? p.containerPort : 0)
      if (port > 0)
        (out ??= []).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port })
    }
  }
  return out ?? NO_PORTS
}

const NO_PORTS: readonly HostPort[] = []
const NO_NODE_TERMS: readonly PreferredSchedulingTerm[] = []
const NO_TOLERATIONS: readonly Toleration[] = []
const NO_CONSTRAINTS: readonly TopologySpreadConstraint[] = []

function isEmptyTerm(term: PreferredSchedulingTerm['preference']): boolean {
  return !term.matchExpressions?.length && !term.matchFields?.length
}

const specInfos = new WeakMap<PodSpec, SpecInfo>()

/**
 * Binding copies the spec only to set `nodeName`: the copy shares what the
 * scheduler worked out for the original, so the cache need not work it out again.
 */
export function bindingSpec(spec: PodSpec, nodeName: string): PodSpec {
  const bound = { ...spec, nodeName }
  const info = specInfos.get(spec)
  if (info) specInfos.set(bound, info)
  return bound
}

/**
 * The containers' requests summed, or any init container's if larger, each
 * resource on its own; the non-zero variant gives a container that asks for
 * nothing the scheduler's defaults.
 */
export function specInfo(spec: PodSpec): SpecInfo {
  let info = specInfos.get(spec)
  if (info) return info
  let cpu = 0
  let memory = 0
  let nzCpu = 0
  let nzMemory = 0
  for (const c of spec.containers ?? []) {
    const req = c.resources?.requests
    const cCpu = cpuMillis(req?.cpu)
    const cMemory = bytes(req?.memory)
    cpu += cCpu
    memory += cMemory
    nzCpu += req?.cpu === undefined ? DEFAULT_CPU_MILLIS : cCpu
    nzMemory += req?.memory === undefined ? DEFAULT_MEMORY_BYTES : cMemory
  }
  for (const c of spec.initContainers ?? []) {
    const req = c.resources?.requests
    const cCpu = cpuMillis(req?.cpu)
    const cMemory = bytes(req?.memory)
    cpu = Math.max(cpu, cCpu)
    memory = Math.max(memory, cMemory)
    nzCpu = Math.max(nzCpu, req?.cpu === undefined ? DEFAULT_CPU_MILLIS : cCpu)
    nzMemory = Math.max(nzMemory, req?.memory === undefined ? DEFAULT_MEMORY_BYTES : cMemory)
  }
  const nodeAffinity = spec.affinity?.nodeAffinity
  const preferred = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
  info = {
    cpuMillis: cpu,
    memoryBytes: memory,
    nonZeroCpuMillis: nzCpu,
    nonZeroMemoryBytes: nzMemory,
    requestId: requestId(cpu, memory, nzCpu, nzMemory),
    tolerations: spec.tolerations ?? NO_TOLERATIONS,
    hostPorts: hostPorts(spec),
    hasRequiredNodeAffinity:
      spec.nodeSelector !== undefined ||
      nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
    preferredNodeTerms: preferred
      ? preferred.filter((t) => t.weight !== 0 && !isEmptyTerm(t.preference))
      : NO_NODE_TERMS,
    spreadConstraints: spec.topologySpreadConstraints ?? NO_CONSTRAINTS,
  }
  specInfos.set(spec, info)
  return info
}

/** The pod being scheduled, with what does not depend on the node worked out once per cycle. */
export interface PodInfo {
  readonly pod: Pod
  readonly key: string
  readonly namespace: string
  readonly spec: SpecInfo
  readonly affinity: PodAffinityTerms
  readonly ownerUid: string | undefined
}

export function podInfo(pod: Pod): PodInfo {
  return {
    pod,
    key: namespacedName(pod),
    namespace: pod.metadata.namespace ?? 'default',
    spec: specInfo(pod.spec),
    affinity: hasPodAffinity(pod) ? compilePodAffinityTerms(pod) : NO_TERMS,
    ownerUid: controllerRef(pod)?.uid,
  }
}

/**
 * `numFeasibleNodesToFind`: in a large cluster the scheduler stops filtering once
 * it has found enough feasible nodes (50% − nodes/125, at least 5%, at least 100).
 */
export function feasibleNodesToFind(allNodes: number): number {
  if (allNodes < 100) return allNodes
  const percentage = Math.max(5, 50 - Math.floor(allNodes / 125))
  return Math.max(100, Math.floor((allNodes * percentage) / 100))
}
