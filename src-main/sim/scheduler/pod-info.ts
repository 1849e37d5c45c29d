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
  termsReadLabels,
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
/** The last set asked about: pods created together mostly ask for the same. */
const last = { cpu: -1, memory: -1, nzCpu: -1, nzMemory: -1, id: 0 }

function requestId(cpu: number, memory: number, nzCpu: number, nzMemory: number): number {
  if (
    cpu === last.cpu &&
    memory === last.memory &&
    nzCpu === last.nzCpu &&
    nzMemory === last.nzMemory
  )
    return last.id
  const key = `${cpu}/${memory}/${nzCpu}/${nzMemory}`
  let id = requestIds.get(key)
  if (id === undefined) requestIds.set(key, (id = requestIds.size + 1))
  Object.assign(last, { cpu, memory, nzCpu, nzMemory, id })
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

/** The spec of the binding being written, and what was worked out for its original. */
let boundSpec: PodSpec | undefined
let boundInfo: SpecInfo | undefined

/**
 * Binding copies the spec only to set `nodeName`: the copy shares what the
 * scheduler worked out for the original, which the cache asks for as soon as
 * the binding is written. (`Object.assign`: a spread that also sets a field is
 * several times slower in V8.)
 */
export function bindingSpec(
  spec: PodSpec,
  nodeName: string,
  info: SpecInfo | undefined = specInfos.get(spec),
): PodSpec {
  boundSpec = Object.assign({}, spec, { nodeName })
  boundInfo = info
  return boundSpec
}

/**
 * The containers' requests summed, or any init container's if larger, each
 * resource on its own; the non-zero variant gives a container that asks for
 * nothing the scheduler's defaults. Remembered for the spec object unless
 * `shared` is false: a bare pod's spec is its own, and remembering it costs
 * more than working it out again if the pod has to be retried.
 */
export function specInfo(spec: PodSpec, shared = true): SpecInfo {
  if (spec === boundSpec && boundInfo) return boundInfo
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
  if (shared) specInfos.set(spec, info)
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

interface CompiledTerms {
  readonly namespace: string | undefined
  /** The terms read the pod's labels (`matchLabelKeys`): valid for that labels object only. */
  readonly byLabels: boolean
  readonly labels: object | undefined
  readonly terms: PodAffinityTerms
}

/** Replicas share their template's affinity: its terms are compiled once, not once per pod. */
const compiledTerms = new WeakMap<object, CompiledTerms>()

function affinityTerms(pod: Pod): PodAffinityTerms {
  const affinity = pod.spec.affinity
  if (!affinity || !hasPodAffinity(pod)) return NO_TERMS
  const namespace = pod.metadata.namespace
  const labels = pod.metadata.labels
  const known = compiledTerms.get(affinity)
  if (known && known.namespace === namespace && (!known.byLabels || known.labels === labels))
    return known.terms
  const terms = compilePodAffinityTerms(pod)
  compiledTerms.set(affinity, { namespace, byLabels: termsReadLabels(pod), labels, terms })
  return terms
}

export function podInfo(pod: Pod, key = namespacedName(pod)): PodInfo {
  const ownerUid = controllerRef(pod)?.uid
  return {
    pod,
    key,
    namespace: pod.metadata.namespace ?? 'default',
    // Replicas share their template's spec; a bare pod's is its own.
    spec: specInfo(pod.spec, ownerUid !== undefined),
    affinity: affinityTerms(pod),
    ownerUid,
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
